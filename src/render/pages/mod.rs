//! Page kinds: each kind of page of the portal in one file, listed once in [`KINDS`].
//!
//! A kind says which pages of it a site has ([`Kind::keys`]), where each is written
//! ([`Kind::dir`], from [`crate::urls`]), what it shows (its template and a typed context:
//! `#[derive(Serialize)]` structs, so a template's variables are visible in the code) and,
//! for the pages that grow with the site, a fingerprint of what it shows
//! ([`Kind::fingerprint`]) so that an incremental rebuild renders only the pages that
//! changed. Adding a kind of page is one new file here and one line in [`KINDS`]; its
//! template goes in `themes/default/templates/` (embedded by `build.rs`).
//!
//! The renderer ([`super::Renderer`]) asks every kind for its pages, renders them in
//! parallel and writes them; what is shared by many pages (task rows, plan cards, the
//! settings, pagination) is made once there.

mod data;
mod embeds;
mod free;
mod home;
mod not_found;
mod plan;
mod plans;
mod public_list;
pub(crate) mod reports;
mod search;
mod status_help;
pub(super) mod tasks;
mod topics;
mod unit;
pub(super) mod unit_lists;
mod units;

use super::Renderer;
use crate::diag::Diagnostic;
use serde::Serialize;
use tera::Context;

/// Every kind of page, in the order their pages are made (and listed to incremental
/// rebuilds): the few single pages first, then the lists and pages that grow with the site.
pub(super) const KINDS: &[&dyn Kind] = &[
    &home::Home,
    &units::Units,
    &topics::Topics,
    &data::Data,
    &status_help::StatusHelp,
    &not_found::NotFound,
    &search::Search,
    &plans::AllPlans,
    &plans::PlansOfYear,
    &plans::PlansOfIssuer,
    &plan::PlanPage,
    &unit::UnitPage,
    &unit_lists::UnitLists,
    &tasks::TaskLists,
    &topics::Topic,
    &topics::TopicTasks,
    &reports::Reports,
    &embeds::EmbedPlan,
    &embeds::EmbedUnit,
    &public_list::PublicList,
    &free::FreePage,
];

/// Which page of a kind: the item it is about (a plan, a unit, a list … by its index in the
/// site; 0 for a kind with one page) and the page of a paginated list (1 for the first or
/// only page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Key {
    pub item: usize,
    pub page: usize,
}

impl Key {
    /// The one page of a kind that has one.
    pub const ONE: Key = Key { item: 0, page: 1 };
}

/// What a page is made of: a template and its context, and the files written with it.
pub(super) struct Page {
    pub template: &'static str,
    pub context: Context,
    /// Files written beside the page when it is rendered (a report's Word document): paths
    /// relative to the site root, named in [`crate::urls::BESIDE_PAGES`]. Made from what the
    /// page shows, so the page's fingerprint covers them: an unchanged page keeps its files.
    pub files: Vec<(String, Vec<u8>)>,
}

/// A kind of page (see the module documentation).
pub(super) trait Kind: Sync {
    /// Every page of this kind that the site has, in order.
    fn keys(&self, r: &Renderer) -> Vec<Key>;

    /// The folder of a page, relative to the site root (from [`crate::urls`]).
    fn dir(&self, r: &Renderer, key: Key) -> String;

    /// The file a page is written to: `<dir>/index.html`.
    fn file(&self, r: &Renderer, key: Key) -> String {
        crate::urls::page_file(&self.dir(r, key))
    }

    /// A hash of everything the page shows, for the pages that grow with the site; `None`
    /// for pages that are cheap to make, whose context is hashed instead. Settings, units
    /// and templates are not in it: when they change the whole site is rebuilt.
    fn fingerprint(&self, _r: &Renderer, _key: Key) -> Option<u64> {
        None
    }

    /// The page's template and context.
    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic>;
}

/// One page to make: its kind and which of its pages.
#[derive(Clone, Copy)]
pub(super) struct Job {
    pub kind: &'static dyn Kind,
    pub key: Key,
}

impl Job {
    pub fn file(&self, r: &Renderer) -> String {
        self.kind.file(r, self.key)
    }
    pub fn fingerprint(&self, r: &Renderer) -> Option<u64> {
        self.kind.fingerprint(r, self.key)
    }
    pub fn page(&self, r: &Renderer) -> Result<Page, Diagnostic> {
        self.kind.page(r, self.key)
    }
}

/// Every page of the site, kind by kind.
pub(super) fn jobs(r: &Renderer) -> Vec<Job> {
    KINDS
        .iter()
        .flat_map(|&kind| kind.keys(r).into_iter().map(move |key| Job { kind, key }))
        .collect()
}

/// The keys of a paginated list of `n` items (at least one page, even when empty).
pub(super) fn paginated(item: usize, n: usize, page_size: usize) -> impl Iterator<Item = Key> {
    page_keys(item, pages_for(n, page_size))
}

/// The keys of `pages` pages of item `item`.
pub(super) fn page_keys(item: usize, pages: usize) -> impl Iterator<Item = Key> {
    (1..=pages).map(move |page| Key { item, page })
}

/// The rows of the tasks at `slice` (from place `start` of their list on), with the heading
/// row `head(place)` gives before the row at that place, if any: where a run of the list
/// starts (a month of a year's list, a status of the list of all tasks or of a unit's), what
/// the run's count links to. One string when the theme prints rows back to back.
pub(super) fn rows_with_heads(
    r: &Renderer,
    slice: &[u32],
    start: usize,
    head: impl Fn(usize) -> Option<String>,
) -> Vec<String> {
    let rows = r.rows(slice, false);
    let mut out = Vec::with_capacity(rows.len() + 4);
    for (k, row) in rows.into_iter().enumerate() {
        if let Some(h) = head(start + k) {
            out.push(h);
        }
        out.push(row);
    }
    if r.native.joined_rows && !out.is_empty() {
        out = vec![out.concat()];
    }
    out
}

/// A heading row of a task table: `label`, with `id` to link to.
pub(super) fn head_row(id: &str, label: &str) -> String {
    format!(
        "<tr class=\"group-row\" id=\"{id}\"><th scope=\"colgroup\" colspan=\"5\">{label}</th></tr>"
    )
}

/// Pages of `size` items that `n` items fill (at least one).
pub(super) fn pages_for(n: usize, size: usize) -> usize {
    n.div_ceil(size).max(1)
}

/// Where the pages of a list ordered by status start, cut where its rows say rather than
/// every `size` rows. When a task changes status its row leaves one run of the list and
/// joins another: cut every `size` rows, every page between the two places would change
/// (403 of a 1,000-plan site's 404 pages of all tasks, for one status edit). Cut after a
/// row whose own key (its plan and place, [`task_keys`]) falls on a chosen value, with at
/// least `size / 2` and at most `size * 3 / 2` rows a page, a row that comes or goes moves
/// the cuts of its own page and rarely the next: the other pages keep their rows. Pages
/// hold `size` rows on average; their numbers and the items' numbers no longer say where
/// an item is, so their pagers give the page's count instead ([`Renderer::pagination_cut`]).
#[derive(Debug, Clone, Default)]
pub(super) struct Cuts {
    /// Where each page starts (the first is 0).
    starts: Vec<usize>,
    len: usize,
}

impl Cuts {
    /// Cuts a list of rows with keys `keys` into pages of about `size`.
    pub fn by_content(keys: impl Iterator<Item = u64>, size: usize) -> Cuts {
        let least = (size / 2).max(1);
        let most = (size + size / 2).max(1);
        let one_in = (size / 2).max(1) as u64;
        let mut starts = vec![0];
        let mut len = 0;
        let mut here = 0;
        for k in keys {
            len += 1;
            here += 1;
            if here >= most || (here >= least && k % one_in == 0) {
                starts.push(len);
                here = 0;
            }
        }
        if starts.len() > 1 && starts.last() == Some(&len) {
            starts.pop();
        }
        Cuts { starts, len }
    }

    /// How many pages (at least one).
    pub fn pages(&self) -> usize {
        self.starts.len()
    }

    /// The positions of the rows of page `page` (1-based).
    pub fn range(&self, page: usize) -> std::ops::Range<usize> {
        let k = page.clamp(1, self.starts.len()) - 1;
        self.starts[k]..self.starts.get(k + 1).copied().unwrap_or(self.len)
    }

    /// The page (1-based) that holds the row at `at`.
    pub fn page_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).max(1)
    }

    /// The keys of every page.
    pub fn keys(&self, item: usize) -> impl Iterator<Item = Key> {
        page_keys(item, self.pages())
    }
}

/// Of every task (by position in `index.tasks`), a key that an edit of the site does not
/// change: a hash of its plan's slug and its place in the plan ([`Cuts`]). (FNV-1a over the
/// slug, once per plan, then SplitMix64's finaliser so that its low bits are as good as its
/// high ones: SipHash of the slug for every task took 2 ms a rebuild at 40,000 tasks.)
pub(super) fn task_keys(site: &crate::site::Site) -> Vec<u64> {
    let plans: Vec<u64> = site
        .plans
        .iter()
        .map(|p| {
            p.slug.bytes().fold(0xcbf2_9ce4_8422_2325, |h: u64, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            })
        })
        .collect();
    site.index
        .tasks
        .iter()
        .map(|t| {
            let mut z = plans[t.plan as usize] ^ (u64::from(t.group) << 32 | u64::from(t.task));
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        })
        .collect()
}

/// The fields of `view` (a struct) added to `ctx`: a page's typed context.
pub(super) fn extend(ctx: &mut Context, view: &impl Serialize) {
    // Serialised once and moved in (inserting field by field would serialise each again).
    if let Ok(fields) = serde_json::to_value(view)
        .and_then(|v| Context::from_value(v).map_err(|e| serde::ser::Error::custom(e.to_string())))
    {
        ctx.extend(fields);
    }
}

/// A page's template with its context: the page head made by
/// [`Renderer::base_context`] and the kind's own fields.
pub(super) fn page(template: &'static str, mut context: Context, view: &impl Serialize) -> Page {
    extend(&mut context, view);
    Page {
        template,
        context,
        files: Vec::new(),
    }
}

/// A link in a list of filters (years, issuers, topics, task lists), with its count.
#[derive(Debug, Clone, Serialize)]
pub(super) struct FilterLink {
    pub name: String,
    pub href: String,
    pub count: usize,
    /// Whether it is the page being viewed (topics are never: they link elsewhere).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<bool>,
}
