//! Markdown prose to safe HTML.
//!
//! CommonMark + tables. Nothing in content can run script or load from another host: raw
//! HTML is shown as text, links keep only http(s), mailto, tel and in-site paths, images from
//! other hosts become links, and headings get stable ids for the plan's outline: the slug of
//! their text (`muc` when it has none), with `-2`, `-3` … for a repeat, given out like the
//! site's other slugs so that thousands of headings cost no more than linear time.

use crate::content::units::unique_slug_from;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::HashMap;

/// A heading of the prose, for the plan's table of contents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Links found in a run of text: `(start, end, href)`, byte ranges in order (references to
/// other documents of the site, [`crate::site::refs`]).
pub type TextLinks<'a> = &'a dyn Fn(&str) -> Vec<(usize, usize, String)>;

/// No links in text.
pub fn no_links(_: &str) -> Vec<(usize, usize, String)> {
    Vec::new()
}

/// `text` as HTML, escaped, with the links `found` in it (`(start, end, href)`, in order; one
/// that overlaps the one before or runs past the text is left out).
pub fn linked_html(text: &str, found: Vec<(usize, usize, String)>) -> String {
    use crate::render::theme::escape_html_into as esc;
    let mut html = String::with_capacity(text.len() + 64 * found.len());
    let mut at = 0;
    for (a, b, href) in found {
        if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        esc(&mut html, &text[at..a]);
        html.push_str("<a class=\"doc-ref\" href=\"");
        esc(&mut html, &href);
        html.push_str("\">");
        esc(&mut html, &text[a..b]);
        html.push_str("</a>");
        at = b;
    }
    esc(&mut html, &text[at..]);
    html
}

/// Renders `md` to HTML. `root` is the relative prefix to the site root, used for in-site
/// absolute paths (`/files/x.pdf` → `../../files/x.pdf`). Headings are shifted so that the
/// prose's `##` stays below the page's own `<h1>`. Text outside links and headings gets the
/// links `links` finds in it.
pub fn render(md: &str, root: &str, links: TextLinks) -> (String, Vec<Heading>) {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut headings: Vec<Heading> = Vec::new();
    // The ids given out, for unique_slug_from (linear in the number of headings).
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut events: Vec<Event> = Vec::new();
    let mut in_heading: Option<(usize, HeadingLevel)> = None;
    let mut heading_text = String::new();
    let mut image_depth = 0usize;
    let mut link_depth = 0usize;
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Text(ref t) if in_heading.is_none() && link_depth == 0 && image_depth == 0 => {
                let found = links(t);
                if found.is_empty() {
                    events.push(ev);
                } else {
                    events.push(Event::Html(CowStr::from(linked_html(t, found))));
                }
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                events.push(ev);
            }
            Event::Html(s) | Event::InlineHtml(s) => events.push(Event::Text(s)),
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = Some((events.len(), level));
                heading_text.clear();
                events.push(Event::Text(CowStr::Borrowed(""))); // replaced at the end
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((at, level)) = in_heading.take() {
                    // `muc` for a heading without letters; `x`, `x-2`, `x-3` … for repeats.
                    let id = unique_slug_from(&mut ids, crate::vi::slugify(&heading_text), "muc");
                    let lvl = (level as u8).clamp(2, 6);
                    events[at] = Event::Html(CowStr::from(format!("<h{lvl} id=\"{id}\">")));
                    events.push(Event::Html(CowStr::from(format!("</h{lvl}>"))));
                    headings.push(Heading {
                        level: lvl,
                        id,
                        text: crate::vi::clean(&heading_text),
                    });
                }
            }
            Event::Text(ref t) | Event::Code(ref t) if in_heading.is_some() => {
                heading_text.push_str(t);
                events.push(ev);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = safe_url(&dest_url, root).unwrap_or(CowStr::Borrowed("#"));
                link_depth += 1;
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let local = !is_external(&dest_url);
                match safe_url(&dest_url, root) {
                    Some(dest) if local => events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url: dest,
                        title,
                        id,
                    })),
                    // An image from another host is not loaded: it becomes a link to it.
                    Some(dest) => {
                        image_depth += 1;
                        events.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: dest,
                            title,
                            id,
                        }));
                    }
                    None => {
                        image_depth += 1;
                        events.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: CowStr::Borrowed("#"),
                            title,
                            id,
                        }));
                    }
                }
            }
            Event::End(TagEnd::Image) if image_depth > 0 => {
                image_depth -= 1;
                events.push(Event::End(TagEnd::Link));
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    (out, headings)
}

fn is_external(url: &str) -> bool {
    let l = url.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("//")
}

/// Keeps http(s), mailto, tel, fragments and in-site paths; drops every other scheme
/// (`javascript:`, `data:`, `vbscript:` …). Whitespace and control characters that browsers
/// ignore inside a scheme are taken into account.
pub fn safe_url<'a>(url: &CowStr<'a>, root: &str) -> Option<CowStr<'a>> {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if compact.starts_with("http://")
        || compact.starts_with("https://")
        || compact.starts_with("mailto:")
        || compact.starts_with("tel:")
        || compact.starts_with('#')
    {
        return Some(url.clone());
    }
    if compact.starts_with("//") {
        return Some(CowStr::from(format!("https:{}", url.trim())));
    }
    // A scheme is letters followed by ':' before any '/', '?' or '#'.
    let head = compact.split(['/', '?', '#']).next().unwrap_or("");
    if head.contains(':') {
        return None;
    }
    match url.strip_prefix('/') {
        Some(rest) => Some(CowStr::from(format!("{root}{rest}"))),
        None => Some(url.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text() {
        let (h, _) = render(
            "a <script>alert(1)</script> b\n\n<img src=x onerror=alert(1)>\n",
            "",
            &no_links,
        );
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
    }

    #[test]
    fn dangerous_links_are_dropped() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "<javascript:alert(1)>",
            "data:text/html,x",
            "vbscript:x",
            "%20javascript:alert(1)",
        ] {
            let (h, _) = render(&format!("[x]({bad})"), "", &no_links);
            assert!(h.contains("href=\"#\""), "{bad}: {h}");
        }
        let (h, _) = render(
            "[a](https://example.vn) [b](/files/a.pdf) [c](#nv-1)",
            "../../",
            &no_links,
        );
        assert!(h.contains("href=\"https://example.vn\""));
        assert!(h.contains("href=\"../../files/a.pdf\""));
        assert!(h.contains("href=\"#nv-1\""));
    }

    #[test]
    fn external_images_become_links() {
        let (h, _) = render(
            "![logo](https://other.host/a.png) ![in](/files/a.png)",
            "../",
            &no_links,
        );
        assert!(!h.contains("src=\"https://other.host"), "{h}");
        assert!(
            h.contains("<a href=\"https://other.host/a.png\">logo</a>"),
            "{h}"
        );
        assert!(h.contains("<img src=\"../files/a.png\""), "{h}");
    }

    #[test]
    fn headings_have_ids_and_shift() {
        let (h, hs) = render(
            "# Tiêu đề\n\n## I. MỤC ĐÍCH, YÊU CẦU\n\n## I. MỤC ĐÍCH, YÊU CẦU\n",
            "",
            &no_links,
        );
        assert!(h.contains("<h2 id=\"tieu-de\">Tiêu đề</h2>"), "{h}");
        assert!(h.contains("<h2 id=\"i-muc-dich-yeu-cau\">"), "{h}");
        assert!(h.contains("<h2 id=\"i-muc-dich-yeu-cau-2\">"), "{h}");
        assert_eq!(hs.len(), 3);
    }

    #[test]
    fn heading_ids_skip_literal_ones() {
        let ids = |md: &str| -> Vec<String> {
            render(md, "", &no_links)
                .1
                .into_iter()
                .map(|h| h.id)
                .collect()
        };
        assert_eq!(ids("# x\n# x\n# x 2\n# x\n"), ["x", "x-2", "x-2-2", "x-3"]);
        assert_eq!(ids("# x 3\n# x\n# x\n# x\n"), ["x-3", "x", "x-2", "x-4"]);
        assert_eq!(ids("#\n# !\n# muc\n"), ["muc", "muc-2", "muc-3"]);
    }

    #[test]
    fn heading_ids_take_linear_time() {
        // Empty headings all ask for `muc`; numbered ones take the suffixes given out.
        crate::scaling::assert_linear(
            "empty headings",
            64,
            |n| "#\n".repeat(n),
            |md| {
                render(md, "", &no_links);
            },
        );
        crate::scaling::assert_linear(
            "headings x and literal x-k",
            64,
            |n| {
                (0..n)
                    .map(|i| format!("# x\n# x {}\n", n - i))
                    .collect::<String>()
            },
            |md| {
                render(md, "", &no_links);
            },
        );
    }
}
