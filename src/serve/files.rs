//! Which file of the output a request names, and nothing outside it.
//!
//! A request path is refused (treated as not found) when it could climb out of the output
//! folder in any spelling: a `..` or `.` segment, a percent-encoded dot, slash, backslash or NUL
//! (`%2e`, `%2f`, `%5c`, `%00`: no file of a built site needs them), a raw backslash or NUL, a
//! target that is not an absolute path (`http://host/…`, `*`). What remains is joined to the
//! output folder, canonicalised, and must still lie inside the canonical output folder, so a
//! symbolic link pointing elsewhere is refused as well. The output is looked up afresh on
//! every request: a rebuild replaces the whole folder by a rename.

use std::path::{Path, PathBuf};

/// What a request path resolves to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file inside the output (canonical path).
    File(PathBuf),
    /// A folder asked for without its trailing slash: where to send the browser.
    Redirect(String),
    NotFound,
}

/// The decoded, checked segments of a request path, or `None` when the path must be refused.
pub fn safe_segments(path: &str) -> Option<Vec<String>> {
    if !path.starts_with('/') || path.contains(['\\', '\0']) {
        return None;
    }
    let lower = path.to_ascii_lowercase();
    if ["%2e", "%2f", "%5c", "%00"]
        .iter()
        .any(|b| lower.contains(b))
    {
        return None;
    }
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut segs = Vec::new();
    for s in decoded.split('/') {
        match s {
            "" => {}
            "." | ".." => return None,
            // A drive or stream name (`C:`, `file::$DATA`) has no business in a URL path.
            s if s.contains(':') => return None,
            s => segs.push(s.to_string()),
        }
    }
    Some(segs)
}

/// `%XX` decoding; `None` on a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Resolves a request target (path and optional query) against the output folder `out`.
pub fn locate(out: &Path, target: &str) -> Target {
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let path = path.split('#').next().unwrap_or("");
    let Some(segs) = safe_segments(path) else {
        return Target::NotFound;
    };
    let Ok(root) = out.canonicalize() else {
        return Target::NotFound;
    };
    let mut p = root.clone();
    p.extend(&segs);
    let Some(real) = inside(&root, &p) else {
        return Target::NotFound;
    };
    if real.is_dir() {
        if !path.ends_with('/') {
            // Built from the checked raw segments, so `//evil.example` cannot become an
            // address on another host.
            let raw: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
            let mut to = format!("/{}/", raw.join("/"));
            if let Some(q) = query {
                to.push('?');
                to.push_str(q);
            }
            return Target::Redirect(to);
        }
        return match inside(&root, &real.join("index.html")) {
            Some(f) if f.is_file() => Target::File(f),
            _ => Target::NotFound,
        };
    }
    if real.is_file() {
        Target::File(real)
    } else {
        Target::NotFound
    }
}

/// `p` canonicalised, if it exists and lies inside `root` (itself canonical).
fn inside(root: &Path, p: &Path) -> Option<PathBuf> {
    let real = p.canonicalize().ok()?;
    real.starts_with(root).then_some(real)
}

/// What a request's `Range` header asks of a file of some length.
#[derive(Debug, PartialEq, Eq)]
pub enum ByteRange {
    /// No range, or one answered with the whole file: several ranges, another unit, a
    /// malformed one (a server may ignore them).
    Whole,
    /// Bytes `start..end` (206).
    Part(u64, u64),
    /// A range that starts past the end, or an empty suffix (416).
    Unsatisfiable,
}

/// Reads a `Range` header (`bytes=a-b`, `bytes=a-`, `bytes=-n`) against a file of `len` bytes.
pub fn byte_range(header: Option<&str>, len: u64) -> ByteRange {
    let Some((unit, spec)) = header.and_then(|h| h.split_once('=')) else {
        return ByteRange::Whole;
    };
    if !unit.trim().eq_ignore_ascii_case("bytes") || spec.contains(',') {
        return ByteRange::Whole;
    }
    let Some((a, b)) = spec.split_once('-') else {
        return ByteRange::Whole;
    };
    let num = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u64>().ok())
            .flatten()
    };
    if a.trim().is_empty() {
        // The last n bytes.
        return match num(b) {
            Some(n) if n > 0 && len > 0 => ByteRange::Part(len - n.min(len), len),
            Some(_) => ByteRange::Unsatisfiable,
            None => ByteRange::Whole,
        };
    }
    let Some(start) = num(a) else {
        return ByteRange::Whole;
    };
    let last = if b.trim().is_empty() {
        Some(u64::MAX)
    } else {
        num(b)
    };
    match last {
        Some(last) if last >= start => {
            if start >= len {
                ByteRange::Unsatisfiable
            } else {
                ByteRange::Part(start, last.saturating_add(1).min(len))
            }
        }
        _ => ByteRange::Whole,
    }
}

/// Bytes `start..end` of a file (fewer if the file is shorter).
pub fn read_range(path: &Path, start: u64, end: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Read as _, Seek as _};
    let mut f = std::fs::File::open(path)?;
    f.seek(std::io::SeekFrom::Start(start))?;
    let mut buf = Vec::with_capacity(end.saturating_sub(start) as usize);
    f.take(end.saturating_sub(start)).read_to_end(&mut buf)?;
    Ok(buf)
}

/// The `Content-Type` of a file by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_every_spelling_of_a_climb() {
        for bad in [
            "/../site.toml",
            "/a/../../x",
            "/./x",
            "/%2e%2e/site.toml",
            "/%2E%2E/site.toml",
            "/..%2fsite.toml",
            "/..%2Fsite.toml",
            "/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/..%5csite.toml",
            "/..\\site.toml",
            "/a%00.html",
            "/a\0b",
            "http://evil.example/",
            "*",
            "",
            "/C:/Windows",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(safe_segments(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn decodes_ordinary_paths() {
        assert_eq!(
            safe_segments("/ke-hoach/66-kh-ubnd/"),
            Some(vec!["ke-hoach".into(), "66-kh-ubnd".into()])
        );
        assert_eq!(
            safe_segments("/files/b%C3%A1o%20c%C3%A1o.pdf"),
            Some(vec!["files".into(), "báo cáo.pdf".into()])
        );
        assert_eq!(safe_segments("//x//y"), Some(vec!["x".into(), "y".into()]));
        assert_eq!(safe_segments("/"), Some(vec![]));
    }

    #[test]
    fn folders_redirect_and_serve_their_index() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("ke-hoach/a")).unwrap();
        std::fs::write(out.join("index.html"), "home").unwrap();
        std::fs::write(out.join("ke-hoach/a/index.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = out.canonicalize().unwrap();
        assert_eq!(locate(&out, "/"), Target::File(root.join("index.html")));
        assert_eq!(
            locate(&out, "/ke-hoach/a?x=1"),
            Target::Redirect("/ke-hoach/a/?x=1".into())
        );
        assert_eq!(
            locate(&out, "//ke-hoach//a"),
            Target::Redirect("/ke-hoach/a/".into())
        );
        assert_eq!(
            locate(&out, "/ke-hoach/a/#nv-1"),
            Target::File(root.join("ke-hoach/a/index.html"))
        );
        assert_eq!(locate(&out, "/ke-hoach/"), Target::NotFound);
        assert_eq!(locate(&out, "/nope.html"), Target::NotFound);
        assert_eq!(locate(&out, "/../secret.txt"), Target::NotFound);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("s.txt")).unwrap();
            std::os::unix::fs::symlink(dir.path(), out.join("up")).unwrap();
            assert_eq!(locate(&out, "/s.txt"), Target::NotFound);
            assert_eq!(locate(&out, "/up/secret.txt"), Target::NotFound);
            assert_eq!(locate(&out, "/up"), Target::NotFound);
        }
    }

    #[test]
    fn ranges_of_one_span_are_read_and_others_ignored() {
        use ByteRange::*;
        let r = |h: &str| byte_range(Some(h), 100);
        assert_eq!(byte_range(None, 100), Whole);
        assert_eq!(r("bytes=0-9"), Part(0, 10));
        assert_eq!(r("bytes=90-200"), Part(90, 100));
        assert_eq!(r("bytes=99-"), Part(99, 100));
        assert_eq!(r("Bytes = 5-5"), Part(5, 6));
        assert_eq!(r("bytes=-10"), Part(90, 100));
        assert_eq!(r("bytes=-500"), Part(0, 100));
        assert_eq!(r("bytes=100-"), Unsatisfiable);
        assert_eq!(r("bytes=100-200"), Unsatisfiable);
        assert_eq!(r("bytes=-0"), Unsatisfiable);
        assert_eq!(byte_range(Some("bytes=-5"), 0), Unsatisfiable);
        assert_eq!(byte_range(Some("bytes=0-"), 0), Unsatisfiable);
        for ignored in [
            "bytes=0-1,5-6",
            "items=0-1",
            "bytes=5-1",
            "bytes=a-b",
            "bytes=-",
            "bytes=0x1-2",
            "bytes=+1-2",
            "bytes=99999999999999999999999-",
            "bytes",
            "",
        ] {
            assert_eq!(r(ignored), Whole, "{ignored:?}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("x.ICS")),
            "text/calendar; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("f.woff2")), "font/woff2");
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
    }
}
