//! The portal's addresses: every path of the output is spelled here and nowhere else.
//!
//! A page lives in a folder (`ke-hoach/66-kh-ubnd`) as its `index.html`; the functions below
//! give folders relative to the site root, without a leading or trailing `/` (the home page is
//! the empty folder), and files (`du-lieu/tasks.csv`). Links are made from folders by
//! [`Links`], which knows whether the output is browsed from a web server (directory links)
//! or from `file://` (explicit `index.html`). Lists that grow with the site are paginated:
//! page `n` of a list at `base` is [`paged`]`(base, n)`.
//!
//! The module depends on nothing else of the crate, so every stage (content checks, loading,
//! rendering, exports, the search index, `serve`) can name an address without reaching up the
//! pipeline. A test (`urls_are_spelled_only_here`) fails when a portal path appears as a
//! string literal in another source file.

/// The plans section's folder as a literal, for the few texts made at compile time
/// (`concat!(urls::plans_folder!(), "/…")`).
macro_rules! plans_folder {
    () => {
        "ke-hoach"
    };
}
pub(crate) use plans_folder;
/// Plans: the index, plans by year and by issuer, and each plan.
pub const PLANS: &str = plans_folder!();
/// Units: the index and each unit.
pub const UNITS: &str = "don-vi";
/// Task lists: every task, by status, by deadline period.
pub const TASKS: &str = "nhiem-vu";
/// Topics: the index and each topic.
pub const TOPICS: &str = "linh-vuc";
/// Open data: its page and the exports.
pub const DATA: &str = "du-lieu";
/// The search page.
pub const SEARCH: &str = "tim-kiem";
/// How statuses and timeliness are decided: `cach-tinh-tinh-trang`.
pub const STATUS_HELP: &str = "cach-tinh-tinh-trang";
/// The reports on carrying out the plans: `bao-cao`.
pub const REPORTS: &str = "bao-cao";
/// Small standalone views for another portal's `<iframe>`: `nhung/ke-hoach/<slug>`,
/// `nhung/don-vi/<slug>`, each with its JSON beside it.
pub const EMBEDS: &str = "nhung";
/// The list of information the commune must publish (Danh mục thông tin phải công khai).
pub const PUBLIC_LIST: &str = "danh-muc-cong-khai";

/// The record of the day each plan was first published: `du-lieu/cong-bo.json`.
pub fn publication_record() -> String {
    format!("{DATA}/cong-bo.json")
}
/// The search index's files (see `docs/search-index.md`).
pub const SEARCH_INDEX: &str = "tim-kiem/chi-muc";
/// The theme's assets (stylesheet, scripts).
pub const ASSETS: &str = "assets";
/// Where the guide tells editors to put the files plans link to (`static/files/…`).
pub const FILES: &str = "files";
/// The not-found page's file, at the root so that servers find it.
pub const NOT_FOUND: &str = "404.html";
/// The not-found page's "folder" as the renderer names pages (its links are absolute).
pub const NOT_FOUND_DIR: &str = "404";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const FEED: &str = "feed.xml";
/// The segment of a paginated list's later pages: `<list>/trang/<n>`.
const PAGE: &str = "trang";
/// Plans by year of issue: `ke-hoach/nam/<year>`.
const YEAR: &str = "nam";
/// Plans by issuer: `ke-hoach/co-quan/<slug>` (also the slug of an issuer whose name has
/// no letters).
pub const ISSUER: &str = "co-quan";
/// Tasks by deadline period: `nhiem-vu/han/<year>[/quy-<q>|/thang-<m>]`.
const DUE: &str = "han";
/// The overdue tasks: `nhiem-vu/qua-han`.
const OVERDUE: &str = "qua-han";
/// The overdue tasks never reported on.
const OVERDUE_UNREPORTED: &str = "qua-han-chua-bao-cao";
/// The name of every calendar file (the site's, and each unit's and plan's in its folder).
const CALENDAR: &str = "tasks.ics";
/// The name of a plan's own tasks as CSV, in its folder.
const TASKS_CSV: &str = "tasks.csv";

/// Slugs a plan file may not take: they are folders of the plans index.
pub const RESERVED_PLAN_SLUGS: &[&str] = &[PAGE, YEAR, ISSUER];
/// Top-level folders a free page (`content/pages/<slug>.md`) may not take.
pub const RESERVED_PAGE_SLUGS: &[&str] = &[
    PLANS,
    UNITS,
    TASKS,
    TOPICS,
    SEARCH,
    ASSETS,
    FILES,
    NOT_FOUND_DIR,
    PAGE,
    DATA,
    STATUS_HELP,
    REPORTS,
    EMBEDS,
    PUBLIC_LIST,
];
/// The folders of the site's main sections, listed in the sitemap after the home page.
pub const SITEMAP_SECTIONS: &[&str] = &[PLANS, UNITS, TASKS, TOPICS];

/// A plan's page: `ke-hoach/<slug>`.
pub fn plan(slug: &str) -> String {
    format!("{PLANS}/{slug}")
}

/// A task's place on its plan's page, as a path with its anchor: `ke-hoach/<slug>/#<id>`.
pub fn task(plan_slug: &str, id: &str) -> String {
    format!("{PLANS}/{plan_slug}/#{id}")
}

/// The in-site link prefix of a plan's page (`/ke-hoach/`), as editors write it in content.
pub fn plan_link_prefix() -> String {
    format!("/{PLANS}/")
}

/// A content link to a plan (`/ke-hoach/<slug>/…`): what follows the prefix, if it is one.
pub fn strip_plan_link(link: &str) -> Option<&str> {
    link.strip_prefix('/')?
        .strip_prefix(PLANS)?
        .strip_prefix('/')
}

/// Plans issued in a year: `ke-hoach/nam/<year>`.
pub fn plans_of_year(year: i32) -> String {
    format!("{PLANS}/{YEAR}/{year}")
}

/// Plans of an issuer: `ke-hoach/co-quan/<slug>`.
pub fn plans_of_issuer(slug: &str) -> String {
    format!("{PLANS}/{ISSUER}/{slug}")
}

/// A unit's page: `don-vi/<slug>`.
pub fn unit(slug: &str) -> String {
    format!("{UNITS}/{slug}")
}

/// A unit's calendar: `don-vi/<slug>/tasks.ics`.
pub fn unit_calendar(slug: &str) -> String {
    format!("{UNITS}/{slug}/{CALENDAR}")
}

/// A plan's tasks as CSV: `ke-hoach/<slug>/tasks.csv` (the rows of `du-lieu/tasks.csv` for
/// this plan).
pub fn plan_tasks_csv(slug: &str) -> String {
    format!("{PLANS}/{slug}/{TASKS_CSV}")
}

/// A plan's calendar of deadlines: `ke-hoach/<slug>/tasks.ics`.
pub fn plan_calendar(slug: &str) -> String {
    format!("{PLANS}/{slug}/{CALENDAR}")
}

/// A topic's page: `linh-vuc/<slug>`.
pub fn topic(slug: &str) -> String {
    format!("{TOPICS}/{slug}")
}

/// The tasks of a topic's plans: `linh-vuc/<slug>/nhiem-vu`.
pub fn topic_tasks(slug: &str) -> String {
    format!("{TOPICS}/{slug}/{TASKS}")
}

/// The tasks in a state (`hoan-thanh`, `dang-thuc-hien` …): `nhiem-vu/<state>`.
pub fn tasks_in_state(state_slug: &str) -> String {
    format!("{TASKS}/{state_slug}")
}

/// The overdue tasks: `nhiem-vu/qua-han`.
pub fn overdue_tasks() -> String {
    tasks_in_state(OVERDUE)
}

/// A unit's tasks of one of the site's task lists (`site_list`, such as
/// `nhiem-vu/qua-han`), those it leads or those it supports:
/// `don-vi/<unit>/chu-tri/qua-han`, `don-vi/<unit>/phoi-hop/hoan-thanh`.
pub fn unit_list(unit_slug: &str, lead: bool, site_list: &str) -> String {
    let tail = site_list
        .strip_prefix(TASKS)
        .unwrap_or(site_list)
        .trim_start_matches('/');
    let role = if lead { "chu-tri" } else { "phoi-hop" };
    format!("{UNITS}/{unit_slug}/{role}/{tail}")
}

/// A report's folder: every plan (`bao-cao/tat-ca-ke-hoach`), a period
/// (`bao-cao/ky/2025-q4`), a plan (`bao-cao/ke-hoach/<slug>`) or a unit
/// (`bao-cao/don-vi/<slug>`), each of these for a period too
/// (`bao-cao/ke-hoach/<slug>/2025-q4`).
pub fn report(scope: ReportScope<'_>, period: Option<&str>) -> String {
    let base = match scope {
        ReportScope::Site if period.is_some() => format!("{REPORTS}/ky"),
        ReportScope::Site => format!("{REPORTS}/tat-ca-ke-hoach"),
        ReportScope::Plan(slug) => format!("{REPORTS}/{PLANS}/{slug}"),
        ReportScope::Unit(slug) => format!("{REPORTS}/{UNITS}/{slug}"),
    };
    match period {
        Some(p) => format!("{base}/{p}"),
        None => base,
    }
}

/// What a report is about, by address.
#[derive(Debug, Clone, Copy)]
pub enum ReportScope<'a> {
    Site,
    Plan(&'a str),
    Unit(&'a str),
}

/// The Word document of the report in folder `dir`.
pub fn report_docx(dir: &str) -> String {
    format!("{dir}/{REPORT_DOCX}")
}
const REPORT_DOCX: &str = "bao-cao.docx";

/// The embeddable view of a plan's progress: `nhung/ke-hoach/<slug>`.
pub fn embed_plan(slug: &str) -> String {
    format!("{EMBEDS}/{PLANS}/{slug}")
}

/// The embeddable view of the open tasks a unit leads: `nhung/don-vi/<slug>`.
pub fn embed_unit(slug: &str) -> String {
    format!("{EMBEDS}/{UNITS}/{slug}")
}

/// The JSON beside an embeddable view in folder `dir` (the same figures, for a program).
pub fn embed_json(dir: &str) -> String {
    format!("{dir}/{EMBED_JSON}")
}
const EMBED_JSON: &str = "du-lieu.json";

/// The names of the files written beside a page (in the page's folder) by its page kind or by
/// the exports (a unit's or a plan's calendar, a plan's CSV): when a page is no longer made,
/// an incremental rebuild removes them with it.
pub const BESIDE_PAGES: &[&str] = &[REPORT_DOCX, EMBED_JSON, CALENDAR, TASKS_CSV];

/// The overdue tasks never reported on: `nhiem-vu/qua-han-chua-bao-cao`.
pub fn overdue_unreported_tasks() -> String {
    tasks_in_state(OVERDUE_UNREPORTED)
}

/// The tasks of a timeliness: `nhiem-vu/hoan-thanh-dung-han`, `…/hoan-thanh-qua-han`,
/// `…/trong-han`, and the overdue ones (`…/qua-han`); none for a task it does not apply to.
pub fn tasks_by_timeliness(t: crate::site::status::Timeliness) -> Option<String> {
    use crate::site::status::Timeliness::*;
    match t {
        DoneOnTime => Some(tasks_in_state("hoan-thanh-dung-han")),
        DoneLate => Some(tasks_in_state("hoan-thanh-qua-han")),
        OpenOnTime => Some(tasks_in_state("trong-han")),
        OpenOverdue => Some(overdue_tasks()),
        NotApplicable => None,
    }
}

/// Tasks due in a year: `nhiem-vu/han/<year>`.
pub fn tasks_due_in_year(year: i32) -> String {
    format!("{TASKS}/{DUE}/{year}")
}

/// The tasks of a deadline period's list (`nhiem-vu/han/2025`, `…/quy-4`, `…/thang-12`) in one
/// status: `<period>/<status>` (`chua-cap-nhat` …), or overdue (`None`: `<period>/qua-han`).
pub fn period_in_state(period: &str, state_slug: Option<&str>) -> String {
    format!("{period}/{}", state_slug.unwrap_or(OVERDUE))
}

/// Tasks due in a quarter: `nhiem-vu/han/<year>/quy-<q>`.
pub fn tasks_due_in_quarter(year: i32, quarter: u32) -> String {
    format!("{TASKS}/{DUE}/{year}/quy-{quarter}")
}

/// Tasks due in a month: `nhiem-vu/han/<year>/thang-<m>`.
pub fn tasks_due_in_month(year: i32, month: u32) -> String {
    format!("{TASKS}/{DUE}/{year}/thang-{month}")
}

/// An export of every task: `du-lieu/tasks.<ext>` (`csv`, `json`, `ics`).
pub fn data_file(ext: &str) -> String {
    format!("{DATA}/tasks.{ext}")
}

/// A file of a year's open data: `du-lieu/<year>/tasks.<ext>`, or `tasks-<k>.<ext>` when
/// the year is cut into `of` files; plans without a date in `du-lieu/khong-ngay/`.
pub fn data_part(year: Option<i32>, k: usize, of: usize, ext: &str) -> String {
    let folder = year.map_or_else(|| "khong-ngay".to_string(), |y| y.to_string());
    if of > 1 {
        format!("{DATA}/{folder}/tasks-{k}.{ext}")
    } else {
        format!("{DATA}/{folder}/tasks.{ext}")
    }
}

/// The catalogue of the open data (DCAT terms): `du-lieu/catalog.json`.
pub fn data_catalog() -> String {
    format!("{DATA}/catalog.json")
}

/// A theme asset: `assets/<name>`.
pub fn asset(name: &str) -> String {
    format!("{ASSETS}/{name}")
}

/// The folder of page `n` (1-based) of a paginated list at `base`: the list itself for page
/// 1, `<base>/trang/<n>` after.
pub fn paged(base: &str, n: usize) -> String {
    match (base.is_empty(), n) {
        (_, 0 | 1) => base.to_string(),
        (true, n) => format!("{PAGE}/{n}"),
        (false, n) => format!("{base}/{PAGE}/{n}"),
    }
}

/// The file of the page in folder `dir`: `<dir>/index.html` (`index.html` for the home page).
pub fn page_file(dir: &str) -> String {
    if dir.is_empty() {
        "index.html".to_string()
    } else {
        format!("{dir}/index.html")
    }
}

/// The portal's main addresses as links, for templates (`{{ root }}{{ u.tasks }}`), so that
/// no template spells a path: sections, the open data's files, the theme's assets.
pub fn template_links(links: &Links) -> std::collections::BTreeMap<&'static str, String> {
    let mut m = std::collections::BTreeMap::new();
    for (name, dir) in [
        ("plans", PLANS),
        ("units", UNITS),
        ("tasks", TASKS),
        ("topics", TOPICS),
        ("data", DATA),
        ("search", SEARCH),
        ("status_help", STATUS_HELP),
        ("reports", REPORTS),
        ("public_list", PUBLIC_LIST),
    ] {
        m.insert(name, links.dir(dir));
    }
    m.insert("overdue", links.dir(&overdue_tasks()));
    for ext in ["csv", "json", "ics"] {
        m.insert(ext, data_file(ext));
    }
    m.insert("feed", FEED.to_string());
    m.insert("style", asset("style.css"));
    m.insert("script", asset("kehoach.js"));
    m.insert("search_script", asset("search.js"));
    m.insert("search_index", format!("{SEARCH_INDEX}/"));
    m
}

/// Builds links for one output: directory links (`ke-hoach/x/`) when the site has a
/// `base_url`, explicit `index.html` otherwise, so that links work from `file://`. Links are
/// relative to the site root (templates prefix them with the page's `root`).
#[derive(Debug, Clone)]
pub struct Links {
    /// What a folder link ends with: `""` or `"index.html"`.
    pub idx: &'static str,
}

impl Links {
    /// Links for a site with or without a `base_url`.
    pub fn new(has_base_url: bool) -> Links {
        Links {
            idx: if has_base_url { "" } else { "index.html" },
        }
    }

    /// The link to the page in folder `path`.
    pub fn dir(&self, path: &str) -> String {
        if path.is_empty() {
            self.idx.to_string()
        } else {
            format!("{path}/{}", self.idx)
        }
    }

    /// The link to page `n` (1-based) of a paginated list at `base`.
    pub fn paged(&self, base: &str, n: usize) -> String {
        self.dir(&paged(base, n))
    }

    /// The link to a plan's page.
    pub fn plan(&self, slug: &str) -> String {
        self.dir(&plan(slug))
    }

    /// The link to a unit's page.
    pub fn unit(&self, slug: &str) -> String {
        self.dir(&unit(slug))
    }

    /// The link to a topic's page.
    pub fn topic(&self, slug: &str) -> String {
        self.dir(&topic(slug))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_and_files() {
        assert_eq!(paged("nhiem-vu", 1), "nhiem-vu");
        assert_eq!(paged("nhiem-vu", 3), "nhiem-vu/trang/3");
        assert_eq!(paged("", 2), "trang/2");
        assert_eq!(page_file(""), "index.html");
        assert_eq!(page_file(&plan("a")), "ke-hoach/a/index.html");
        assert_eq!(
            Links::new(false).paged(&unit("x"), 2),
            "don-vi/x/trang/2/index.html"
        );
        assert_eq!(Links::new(true).plan("a"), "ke-hoach/a/");
        assert_eq!(Links::new(false).dir(""), "index.html");
    }

    #[test]
    fn plan_links_in_content() {
        assert_eq!(strip_plan_link("/ke-hoach/a/#x"), Some("a/#x"));
        assert_eq!(strip_plan_link("/files/a.pdf"), None);
        assert_eq!(strip_plan_link("/ke-hoachx/a"), None);
    }

    /// Every string literal of the crate's other source files that spells a portal path (a
    /// section folder followed or preceded by `/`) is a defect: the address belongs here.
    #[test]
    fn urls_are_spelled_only_here() {
        let sections = [
            PLANS,
            UNITS,
            TASKS,
            TOPICS,
            DATA,
            SEARCH,
            STATUS_HELP,
            REPORTS,
            "trang/",
            "co-quan",
            "/han/",
            "qua-han",
        ];
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        for e in walkdir::WalkDir::new(&src)
            .into_iter()
            .filter_map(Result::ok)
        {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "rs") || p.ends_with("urls.rs") {
                continue;
            }
            let text = std::fs::read_to_string(p).unwrap();
            // Unit tests may spell the addresses they check.
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
            for (n, line) in code.lines().enumerate() {
                let line = line.trim_start();
                if line.starts_with("//") {
                    continue;
                }
                for lit in string_literals(line) {
                    if sections.iter().any(|s| {
                        lit.match_indices(s).any(|(i, _)| {
                            let before = lit[..i].chars().last();
                            let after = lit[i + s.len()..].chars().next();
                            // A path segment (`"ke-hoach/{}"`, `"/ke-hoach"`, `"don-vi"`), not
                            // a word that contains one (`ke-hoach-mau.md`).
                            let bounded = |c: Option<char>| c.is_none() || c == Some('/');
                            (s.contains('/') || (bounded(before) && bounded(after)))
                                && (before.is_some() || after.is_some() || lit == *s)
                        })
                    }) {
                        found.push(format!("{}:{}: {lit}", p.display(), n + 1));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "portal paths spelled outside src/urls.rs:\n{}",
            found.join("\n")
        );
    }

    /// The contents of the `"…"` string literals of a line (raw strings and escapes are rare
    /// in this crate's path-bearing code; a `\"` is skipped).
    fn string_literals(line: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\'' && i + 2 < b.len() && b[i + 2] == b'\'' {
                i += 3; // a char literal such as '"'
                continue;
            }
            if b[i] == b'"' {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                out.push(&line[start..j.min(line.len())]);
                i = j + 1;
            } else {
                i += 1;
            }
        }
        out
    }
}
