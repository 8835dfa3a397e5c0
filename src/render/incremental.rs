//! What makes rebuilds incremental and list pages cheap: task rows rendered once and put
//! into pages through placeholders, the fingerprints of pages, and the cache a renderer
//! keeps between builds of the same site ([`RenderCache`]).
//!
//! A task's row of the cross-plan lists is rendered once per build (once per edit of its
//! plan in `serve`), with [`ROOT`] where its links need the page's relative root; templates
//! see a short placeholder per row ([`ROW_OPEN`]`n`[`ROW_CLOSE`]) and never copy the row's
//! HTML, which [`Renderer::finish`] puts in once the page is rendered. A page that grows
//! with the site has a fingerprint ([`super::pages::Kind::fingerprint`]): a hash of the
//! hashes of what it shows (its rows, the plan cards, its counts); an incremental rebuild
//! renders only the pages whose fingerprint changed.

use super::Renderer;
use super::theme;
use crate::site::Site;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use tera::{Context, Tera};

/// Stands for the page's relative root in HTML rendered once and reused on pages of every
/// depth; replaced when the page is written. A private-use character no editor types.
pub(super) const ROOT: &str = "\u{F8FF}";

/// A task row in a page's context is `ROW_OPEN` + its position + `ROW_CLOSE`: templates loop
/// over rows and print them, but never copy their HTML (a list page holds 100 of them), which
/// is put in once the page is rendered. Private-use characters, like [`ROOT`].
pub(super) const ROW_OPEN: char = '\u{F8FE}';
pub(super) const ROW_CLOSE: char = '\u{F8FD}';

/// Hashes of what many pages show, made once per build for their fingerprints.
#[derive(Default)]
pub(super) struct SharedFp {
    /// The plan lists' filters: years, issuers and topics with their counts.
    pub cards: u64,
    /// The topics' names and addresses (plan pages link their topics).
    pub topics: u64,
    /// Every task list's address, label and size (the filters of a list's first page).
    pub lists: u64,
}

impl SharedFp {
    /// The shared hashes of `site`; `lists` is the hash of its task lists
    /// ([`super::pages::tasks::lists_fingerprint`]).
    pub fn of(site: &Site, lists: u64) -> SharedFp {
        let hash = |f: &dyn Fn(&mut std::hash::DefaultHasher)| {
            let mut h = std::hash::DefaultHasher::new();
            f(&mut h);
            h.finish()
        };
        let ix = &site.index;
        SharedFp {
            cards: hash(&|h| {
                for (y, p) in &ix.years {
                    (y, p.len()).hash(h);
                }
                for i in &ix.issuers {
                    (&i.name, &i.slug, i.plans.len()).hash(h);
                }
                for t in &ix.topics {
                    (&t.name, &t.slug, t.plans.len()).hash(h);
                }
            }),
            topics: hash(&|h| {
                for t in &ix.topics {
                    (&t.name, &t.slug).hash(h);
                }
            }),
            lists,
        }
    }
}

/// The list rows of one plan's tasks, with their hashes and the plan's fingerprint (what its
/// page and cards show), kept between builds while the plan is unchanged.
pub(super) struct PlanRows {
    pub rows: Vec<Row>,
    pub hashes: Vec<u64>,
    /// What a report shows of each task, hashed ([`super::pages::reports::report_fact`]).
    pub facts: Vec<u64>,
    pub fp: u64,
}

/// A task's rendered list row, with where its links need the page's root.
pub struct Row {
    html: Box<str>,
    /// Byte offsets of the [`ROOT`] markers in `html`, found once rather than on each page
    /// the row is on.
    roots: Box<[u32]>,
}

impl Row {
    pub(super) fn new(html: String) -> Row {
        let roots = html.match_indices(ROOT).map(|(i, _)| i as u32).collect();
        Row {
            html: html.into_boxed_str(),
            roots,
        }
    }

    /// Appends the row with its links starting at `root`.
    fn put(&self, out: &mut String, root: &str) {
        let mut at = 0;
        for &m in self.roots.iter() {
            out.push_str(&self.html[at..m as usize]);
            out.push_str(root);
            at = m as usize + ROOT.len();
        }
        out.push_str(&self.html[at..]);
    }
}

/// What a renderer keeps for the next build of the same site (incremental rebuilds).
#[derive(Default)]
pub struct RenderCache {
    /// Compiled templates; cleared when templates change.
    pub(super) templates: Option<(Tera, theme::Origins, theme::Native)>,
    /// The rows of each plan, by the plan they were rendered from.
    pub(super) rows: crate::site::PerPlan<Arc<PlanRows>>,
    /// Each page written: its fingerprint, its size with the files beside it, and how many
    /// files it has beside it.
    pub(super) pages: HashMap<String, (u64, u64, u32)>,
    /// Whether to keep page fingerprints for a later incremental rebuild (a one-off build
    /// does not spend time on them).
    pub(super) record: bool,
    /// Files and bytes of the last build's exports and search index.
    pub others: (usize, u64),
}

impl RenderCache {
    /// A cache that keeps page fingerprints, for [`crate::Project`].
    pub fn recording() -> Self {
        RenderCache {
            record: true,
            ..RenderCache::default()
        }
    }

    /// Forget everything (templates, units or settings changed).
    pub fn clear(&mut self) {
        *self = RenderCache {
            record: self.record,
            ..RenderCache::default()
        };
    }
}

/// Hashes a set of status counts.
pub(super) fn progress_hash(p: &crate::site::Progress, h: &mut std::hash::DefaultHasher) {
    (
        p.total,
        p.not_updated,
        p.not_started,
        p.in_progress,
        p.done,
        p.cancelled,
        p.overdue,
    )
        .hash(h);
    (
        p.overdue_unreported,
        p.done_on_time,
        p.done_late,
        p.open_on_time,
        p.extended,
        p.soon,
        p.soon_unreported,
    )
        .hash(h);
}

pub(super) fn hash_of(x: &impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    x.hash(&mut h);
    h.finish()
}

impl Renderer<'_> {
    /// A hash made by `f`.
    pub(super) fn hash(&self, f: impl FnOnce(&mut std::hash::DefaultHasher)) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        f(&mut h);
        h.finish()
    }

    /// The rendered row of task `i` (a position in `index.tasks`) and its hash.
    pub(super) fn row(&self, i: usize) -> Option<(&Row, u64)> {
        let r = self.site.index.tasks.get(i)?;
        let rows = self.plan_rows.get(r.plan as usize)?;
        let k = i - self.site.index.first_task[r.plan as usize] as usize;
        Some((rows.rows.get(k)?, *rows.hashes.get(k)?))
    }

    fn row_hash(&self, i: u32) -> u64 {
        self.row_hashes.get(i as usize).copied().unwrap_or(0)
    }

    /// Hashes the row hashes of `positions` into `h`, as one slice.
    pub(super) fn hash_rows(&self, positions: impl Iterator<Item = u32>, h: &mut impl Hasher) {
        let hashes: Vec<u64> = positions.map(|i| self.row_hash(i)).collect();
        hashes.hash(h);
    }

    /// Hashes what a page of a plan list shows: the cards of `plans` on page `page`, and the
    /// filters every plan list has.
    pub(super) fn hash_cards(&self, h: &mut std::hash::DefaultHasher, plans: &[u32], page: usize) {
        plans.len().hash(h);
        for &p in &plans[self.page_range(plans.len(), page)] {
            self.plan_rows[p as usize].fp.hash(h);
        }
        self.shared_fp.cards.hash(h);
    }

    /// A hash of a page's template, context and the rows its context names: the fingerprint
    /// of the few pages without one of their own (home, units, topics …), as such a page is
    /// made of nothing else (templates do not change between incremental rebuilds).
    pub(super) fn context_fingerprint(&self, template: &str, ctx: &Context) -> u64 {
        let json = ctx.clone().into_json().to_string();
        let mut h = std::hash::DefaultHasher::new();
        (template, &json).hash(&mut h);
        let mut rest = json.as_str();
        while let Some(at) = rest.find(ROW_OPEN) {
            rest = &rest[at + ROW_OPEN.len_utf8()..];
            let end = rest.find(ROW_CLOSE).unwrap_or(rest.len());
            if let Ok(i) = rest[..end].parse::<u32>() {
                self.row_hash(i).hash(&mut h);
            }
        }
        h.finish()
    }

    /// The rows of tasks at `positions`, as templates see them: a short placeholder per row
    /// (see [`ROW_OPEN`]), replaced by the row's HTML once the page is rendered.
    /// With `joined` (the default theme's list pages, see [`theme::Native::joined_rows`]) the
    /// placeholders are one string.
    pub(super) fn rows(&self, positions: &[u32], joined: bool) -> Vec<String> {
        use std::fmt::Write as _;
        let placeholder = |out: &mut String, i: u32| {
            let _ = write!(out, "{ROW_OPEN}{i}{ROW_CLOSE}");
        };
        if joined {
            // The default theme prints the rows back to back: one string, the same page.
            if positions.is_empty() {
                return Vec::new();
            }
            let mut all = String::with_capacity(positions.len() * 10);
            for &i in positions {
                placeholder(&mut all, i);
            }
            return vec![all];
        }
        positions
            .iter()
            .map(|&i| {
                let mut one = String::new();
                placeholder(&mut one, i);
                one
            })
            .collect()
    }

    /// The rendered page with its placeholders filled: [`ROOT`] by the page's relative root,
    /// row placeholders by the rows (whose own links start with [`ROOT`] too).
    pub(super) fn finish(&self, html: String, root: &str) -> String {
        if !html.contains(['\u{F8FF}', ROW_OPEN]) {
            return html;
        }
        let mut out = String::with_capacity(html.len() * 2);
        let put_rooted = |out: &mut String, text: &str| {
            let mut rest = text;
            while let Some(at) = rest.find('\u{F8FF}') {
                out.push_str(&rest[..at]);
                out.push_str(root);
                rest = &rest[at + ROOT.len()..];
            }
            out.push_str(rest);
        };
        let mut rest = html.as_str();
        while let Some(at) = rest.find(ROW_OPEN) {
            put_rooted(&mut out, &rest[..at]);
            let after = &rest[at + ROW_OPEN.len_utf8()..];
            let end = after.find(ROW_CLOSE);
            let row = end
                .and_then(|e| after[..e].parse::<usize>().ok())
                .and_then(|i| self.row(i).map(|(r, _)| r));
            match (row, end) {
                (Some(row), Some(e)) => {
                    row.put(&mut out, root);
                    rest = &after[e + ROW_CLOSE.len_utf8()..];
                }
                // Not a placeholder of ours (a template cut it): left as it is.
                _ => {
                    out.push(ROW_OPEN);
                    rest = after;
                }
            }
        }
        put_rooted(&mut out, rest);
        out
    }
}
