//! The registry of units (`content/units.yaml`): canonical names, short names, aliases.

use super::reader::{Reader, get};
use super::yaml;
use crate::diag::{Candidates, Diagnostic, Pos};
use crate::msg;
use crate::tr;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

const UNIT_KEYS: &[&str] = &[
    "name",
    "short",
    "aliases",
    "group",
    "collective",
    "description",
];

#[derive(Debug, Clone)]
pub struct Unit {
    pub name: String,
    pub short: Option<String>,
    pub aliases: Vec<String>,
    pub group: Option<String>,
    pub description: Option<String>,
    /// A phrase such as "Các cơ quan, đơn vị liên quan", not one unit: it has no page.
    pub collective: bool,
    /// The address `don-vi/<slug>/`, unique in the site.
    pub slug: String,
    pub pos: Pos,
}

#[derive(Debug, Default)]
pub struct Registry {
    pub units: Vec<Unit>,
    by_key: HashMap<String, usize>,
    /// Each registered spelling exactly as written: most mentions in plans repeat one, and
    /// finding it needs no folding (a mention is resolved once per task, 400,000 times in a
    /// large site).
    exact: HashMap<std::sync::Arc<str>, usize>,
    /// For [`Self::suggest`], made at its first call (a site without unknown units never
    /// pays for it): every spelling folded, with its unit and which spelling it is.
    spellings: OnceLock<(Candidates, Vec<(u32, u32)>)>,
    /// The suggestion for each unknown name met so far: a site names the same unregistered
    /// unit in many tasks, and it is looked for once.
    suggested: Mutex<HashMap<String, Option<usize>>>,
}

/// A registry is copied without the suggestions' caches, which are made again when needed.
impl Clone for Registry {
    fn clone(&self) -> Self {
        Registry {
            units: self.units.clone(),
            by_key: self.by_key.clone(),
            exact: self.exact.clone(),
            ..Registry::default()
        }
    }
}

impl Registry {
    /// A mention's text and unit ([`Self::resolve`]): a registered spelling's text is shared,
    /// not copied (a large site names units a million times).
    pub fn mention(&self, name: &str) -> (std::sync::Arc<str>, Option<usize>) {
        match self.exact.get_key_value(name) {
            Some((text, &u)) => (text.clone(), Some(u)),
            None => (name.into(), self.by_folded_key(name)),
        }
    }

    /// The unit a name refers to, by its name, short name or any alias, whatever the
    /// normalisation, tone placement, dashes, case or spacing.
    pub fn resolve(&self, name: &str) -> Option<usize> {
        match self.exact.get(name) {
            Some(&u) => Some(u),
            None => self.by_folded_key(name),
        }
    }

    /// [`Self::resolve`] for a name not spelled exactly as registered.
    fn by_folded_key(&self, name: &str) -> Option<usize> {
        self.by_key.get(&crate::vi::key(name)).copied()
    }

    /// The registered spelling closest to `name`, for "did you mean" hints: the unit of
    /// [`crate::diag::nearest`] over every name, short name and alias, in the registry's
    /// order. Registering more units after a first suggestion is not supported: the folded
    /// spellings are made once.
    pub fn suggest(&self, name: &str) -> Option<&Unit> {
        let cached = self
            .suggested
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(name)
            .copied();
        let unit = match cached {
            Some(unit) => unit,
            None => {
                let (candidates, which) = self.spellings.get_or_init(|| {
                    let mut which = Vec::new();
                    for (u, unit) in self.units.iter().enumerate() {
                        let count = 1 + usize::from(unit.short.is_some()) + unit.aliases.len();
                        which.extend((0..count).map(|k| (u as u32, k as u32)));
                    }
                    let all = which.iter().map(|&(u, k)| self.spelling(u, k));
                    (Candidates::new(all), which)
                });
                // The unit that owns the spelling as written (a spelling given to two units
                // belongs to the first, see `read`).
                let unit = candidates
                    .nearest(name)
                    .and_then(|i| self.resolve(self.spelling(which[i].0, which[i].1)));
                self.suggested
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(name.to_string(), unit);
                unit
            }
        };
        unit.map(|i| &self.units[i])
    }

    /// Spelling `k` of unit `u`: its name, then its short name if any, then its aliases.
    fn spelling(&self, u: u32, k: u32) -> &str {
        let unit = &self.units[u as usize];
        let k = k as usize;
        match (k, &unit.short) {
            (0, _) => &unit.name,
            (1, Some(short)) => short,
            (k, short) => &unit.aliases[k - 1 - usize::from(short.is_some())],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Reads `units.yaml` (already decoded). Problems are returned with the registry built
    /// from what could be read.
    pub fn read(rel: &Path, text: &str) -> (Registry, Vec<Diagnostic>) {
        let mut r = Reader::new(rel, text);
        let mut reg = Registry::default();
        let root = match yaml::parse(text, 1) {
            Ok(n) => n,
            Err(e) => {
                r.error(e.pos, e.message, e.hint);
                return (reg, r.diags);
            }
        };
        let items = r.list(&root, "units");
        let mut slugs: HashMap<String, usize> = HashMap::new();
        for item in items {
            let Some(m) = r.map(item, &msg::WHAT_UNIT, UNIT_KEYS) else {
                continue;
            };
            let Some(name) = get(m, "name")
                .and_then(|n| r.text(n, "name"))
                .filter(|t| !t.is_empty())
            else {
                r.error(
                    item.pos,
                    tr!(msg::UNIT_NO_NAME),
                    tr!(msg::UNIT_NO_NAME_HINT),
                );
                continue;
            };
            let short = get(m, "short").and_then(|n| r.text(n, "short"));
            if let Some(n) = get(m, "aliases") {
                split_by_comma(&mut r, n, "aliases");
            }
            let aliases_with_pos = get(m, "aliases")
                .map(|n| r.text_list(n, "aliases"))
                .unwrap_or_default();
            let group = get(m, "group").and_then(|n| r.text(n, "group"));
            let description = get(m, "description").and_then(|n| r.text(n, "description"));
            let collective = get(m, "collective")
                .and_then(|n| r.bool(n, "collective"))
                .unwrap_or(false);
            let index = reg.units.len();
            let name_pos = get(m, "name").map_or(item.pos, |n| n.pos);
            let mut spellings: Vec<(String, Pos)> = vec![(name.clone(), name_pos)];
            if let Some(s) = &short {
                spellings.push((s.clone(), get(m, "short").map_or(item.pos, |n| n.pos)));
            }
            spellings.extend(aliases_with_pos.iter().cloned());
            for (spelling, pos) in spellings {
                let k = crate::vi::key(&spelling);
                match reg.by_key.get(&k) {
                    Some(&other) if other != index => {
                        let o = &reg.units[other];
                        r.error(
                            pos,
                            tr!(
                                msg::UNIT_SPELLING_TAKEN,
                                spelling = spelling,
                                unit = o.name,
                                line = o.pos.line
                            ),
                            tr!(msg::UNIT_SPELLING_TAKEN_HINT),
                        );
                    }
                    _ => {
                        reg.by_key.insert(k, index);
                        reg.exact.insert(spelling.into(), index);
                    }
                }
            }
            let slug = unique_slug(&mut slugs, &name, crate::urls::UNITS);
            if slug != crate::vi::slugify(&name) && !collective {
                r.warning(
                    name_pos,
                    tr!(
                        msg::UNIT_ADDRESS_TAKEN,
                        name = name,
                        address = crate::urls::unit(&slug)
                    ),
                    tr!(msg::UNIT_ADDRESS_TAKEN_HINT),
                );
            }
            reg.units.push(Unit {
                name,
                short,
                aliases: aliases_with_pos.into_iter().map(|(a, _)| a).collect(),
                group,
                description,
                collective,
                slug,
                pos: item.pos,
            });
        }
        (reg, r.diags)
    }
}

/// A warning for each run of items of a flow list (`[A, b]`) that looks like one name cut by
/// its own comma: `aliases: [Các cơ quan, đơn vị thuộc UBND xã]` gives "Các cơ quan" and
/// "đơn vị thuộc UBND xã". The tell is an unquoted item after the first that starts with a
/// lowercase letter (a name starts with a capital); the hint shows the list with the name
/// quoted whole.
fn split_by_comma(r: &mut Reader, node: &yaml::Node, field: &str) {
    let yaml::Value::Seq(items) = &node.value else {
        return;
    };
    // A flow list: its node starts at its `[`.
    let flow = r
        .source
        .lines()
        .nth(node.pos.line.saturating_sub(1))
        .and_then(|l| l.chars().nth(node.pos.col.saturating_sub(1)))
        == Some('[');
    if !flow {
        return;
    }
    fn plain(n: &yaml::Node) -> Option<&str> {
        match &n.value {
            yaml::Value::Str { text, plain: true } => Some(text.as_str()),
            _ => None,
        }
    }
    let cut = |n: &yaml::Node| {
        plain(n)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_lowercase)
    };
    if !items.iter().skip(1).any(cut) {
        return;
    }
    // The items as they should be: each cut one joined to the one before it.
    let mut whole: Vec<(String, bool, Option<Pos>)> = Vec::new();
    for (i, n) in items.iter().enumerate() {
        let text = match &n.value {
            yaml::Value::Str { text, .. } => text.clone(),
            _ => return,
        };
        match whole.last_mut() {
            Some(last) if i > 0 && cut(n) => {
                last.0 = format!("{}, {text}", last.0);
                last.1 = true;
                last.2.get_or_insert(n.pos);
            }
            _ => whole.push((text, plain(n).is_none(), None)),
        }
    }
    let fixed = whole
        .iter()
        .map(|(t, quoted, _)| {
            if *quoted {
                format!("\"{t}\"")
            } else {
                t.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let fixed = format!("{field}: [{fixed}]");
    for (name, _, at) in &whole {
        if let Some(at) = at {
            let item = items
                .iter()
                .find(|n| n.pos == *at)
                .and_then(plain)
                .unwrap_or_default();
            r.warning(
                *at,
                tr!(msg::LIST_ITEM_CUT_BY_COMMA, item = item, whole = name),
                tr!(msg::LIST_ITEM_CUT_BY_COMMA_HINT, fixed = fixed),
            );
        }
    }
}

/// A slug from `text` that is not yet in `taken` (`ha`, then `ha-2`, `ha-3` …).
pub fn unique_slug(taken: &mut HashMap<String, usize>, text: &str, fallback: &str) -> String {
    unique_slug_from(taken, crate::vi::slugify(text), fallback)
}

/// [`unique_slug`] from the slug `base` the text asks for.
///
/// `taken` holds every slug given out (and the reserved ones), each with the next suffix to
/// try when that slug is asked for again: the k-th `ha` starts where the one before it
/// stopped instead of trying `ha-2` … `ha-k` again, so n slugs cost O(n) look-ups, not
/// O(n²). The suffixes skipped stay taken (slugs are never given back), and each generated
/// `ha-k` is still checked, so that it does not take the slug of a literal `ha-k` (a file
/// `ha-2.md`, a heading "Hà 2") given out before.
pub fn unique_slug_from(
    taken: &mut HashMap<String, usize>,
    base: String,
    fallback: &str,
) -> String {
    let base = if base.is_empty() {
        fallback.to_string()
    } else {
        base
    };
    let Some(&next) = taken.get(&base) else {
        taken.insert(base.clone(), 2);
        return base;
    };
    // Reserved slugs are entered with 0: their first suffix is 2 too.
    let mut n = next.max(2);
    let slug = loop {
        let candidate = format!("{base}-{n}");
        n += 1;
        if !taken.contains_key(&candidate) {
            break candidate;
        }
    };
    taken.insert(base, n);
    taken.insert(slug.clone(), 2);
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `units` units of `aliases` aliases each.
    fn registry(units: usize, aliases: usize) -> Registry {
        let mut yaml = String::new();
        for u in 0..units {
            yaml.push_str(&format!("- name: Đơn vị số {u}\n  aliases:\n"));
            for a in 0..aliases {
                yaml.push_str(&format!("    - Tổ công tác {u}-{a}\n"));
            }
        }
        let (r, d) = Registry::read(Path::new("units.yaml"), &yaml);
        assert!(d.is_empty(), "{d:?}");
        r
    }

    #[test]
    fn suggestions_take_linear_time() {
        // A site names a few unregistered units again and again, and registers many spellings.
        crate::scaling::assert_linear(
            "unknown names against aliases",
            8,
            |n| {
                let names: Vec<String> = (0..n * 100)
                    .map(|i| format!("Ban chỉ đạo khu {}", i % 8))
                    .collect();
                (registry(n, 2), names)
            },
            |(reg, names)| {
                for name in names {
                    reg.suggest(name);
                }
            },
        );
    }

    #[test]
    fn suggestions_name_the_closest_spelling() {
        let reg = registry(30, 10);
        assert_eq!(
            reg.suggest("Tổ cong tac 12-3").map(|u| u.name.as_str()),
            Some("Đơn vị số 12")
        );
        assert_eq!(
            reg.suggest("đơn vi so 7").map(|u| u.name.as_str()),
            Some("Đơn vị số 7")
        );
        assert!(reg.suggest("Ủy ban nhân dân tỉnh").is_none());
    }

    #[test]
    fn repeated_names_get_slugs_in_linear_time() {
        crate::scaling::assert_linear(
            "one name many times",
            64,
            |n| n,
            |&n| {
                let mut taken = HashMap::new();
                for _ in 0..n {
                    unique_slug_from(&mut taken, "ha".to_string(), "x");
                }
            },
        );
    }

    #[test]
    fn slugs_skip_literal_ones() {
        let mut taken: HashMap<String, usize> = [("ha".to_string(), 0)].into();
        let got: Vec<String> = ["Hà", "ha 3", "Ha", "ha-2", "Há", ""]
            .iter()
            .map(|t| unique_slug(&mut taken, t, "x"))
            .collect();
        assert_eq!(got, ["ha-2", "ha-3", "ha-4", "ha-2-2", "ha-5", "x"]);
    }
}
