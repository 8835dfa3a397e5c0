//! Danh mục thông tin phải công khai (`danh-muc-cong-khai/`): every published plan with what
//! the list must say of it (Luật Tiếp cận thông tin 2016, Điều 19.1.g; Nghị định 13/2018/NĐ-CP,
//! Điều 6.3): its name, số ký hiệu, the day it was issued, how it is published, the day it was
//! first published ([`crate::site::publication`]) and where to read or download it. Newest
//! publication first, a page at a time.

use super::{Key, Kind, Page, page, paginated};
use crate::diag::Diagnostic;
use crate::render::{Pagination, Renderer};
use crate::urls;
use serde::Serialize;
use std::hash::Hash;

pub(in crate::render) struct PublicList;

#[derive(Serialize)]
struct Entry {
    no: usize,
    name: String,
    href: String,
    number: String,
    issued: String,
    /// How it is published: the full text on its page, and the files it offers.
    form: String,
    published: String,
    published_iso: String,
    downloads: Vec<Download>,
}

#[derive(Serialize)]
struct Download {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct PublicListView {
    entries: Vec<Entry>,
    pagination: Pagination,
    total: usize,
}

/// The plans by the day they were first published, newest first (then in site order):
/// sorted once per build, read by every page.
fn order<'r>(r: &'r Renderer) -> &'r [usize] {
    r.public_order.get_or_init(|| {
        let s = r.site;
        let mut all: Vec<usize> = (0..s.plans.len()).collect();
        all.sort_by_key(|&p| (std::cmp::Reverse(s.published_on(p)), p));
        all
    })
}

impl Kind for PublicList {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        paginated(0, r.site.plans.len(), r.page_size()).collect()
    }

    fn dir(&self, _: &Renderer, key: Key) -> String {
        urls::paged(urls::PUBLIC_LIST, key.page)
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        let s = r.site;
        let all = order(r);
        Some(r.hash(|h| {
            ("public-list", key.page, all.len()).hash(h);
            for &p in &all[r.page_range(all.len(), key.page)] {
                let plan = &s.plans[p];
                (
                    &plan.slug,
                    &plan.number,
                    &plan.title,
                    &plan.kind,
                    s.published_on(p),
                )
                    .hash(h);
                plan.date.as_ref().map(|d| (d.year, d.month, d.day)).hash(h);
                for a in &plan.attachments {
                    (&a.title, &a.file).hash(h);
                }
            }
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let s = r.site;
        let all = order(r);
        let range = r.page_range(all.len(), key.page);
        let dir = self.dir(r, key);
        let root = crate::render::root_for(&dir);
        let entries = all[range.clone()]
            .iter()
            .enumerate()
            .map(|(k, &p)| {
                let plan = &s.plans[p];
                let (issued, _) = crate::render::views::doc_date(&plan.date);
                let day = s.published_on(p);
                Entry {
                    no: range.start + k + 1,
                    name: format!("{} {}", plan.kind, plan.title),
                    href: r.links.plan(&plan.slug),
                    number: plan.number.clone().unwrap_or_default(),
                    issued: issued.unwrap_or_default(),
                    form: if plan.attachments.is_empty() {
                        "Đăng toàn văn trên cổng".into()
                    } else {
                        "Đăng toàn văn trên cổng, kèm tệp tải về".into()
                    },
                    published: day.format("%d/%m/%Y").to_string(),
                    published_iso: day.to_string(),
                    downloads: plan
                        .attachments
                        .iter()
                        .map(|a| Download {
                            title: a.title.clone(),
                            href: crate::render::views::site_href(&a.file, &root),
                        })
                        .collect(),
                }
            })
            .collect();
        let view = PublicListView {
            entries,
            pagination: r.pagination(urls::PUBLIC_LIST, key.page, all.len()),
            total: all.len(),
        };
        Ok(page(
            "public_list.html",
            r.base_context(&dir, "Danh mục thông tin phải công khai", "public_list"),
            &view,
        ))
    }
}
