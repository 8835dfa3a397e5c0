//! Publishing: the site is written into a staging folder beside the output and swapped in
//! only when the whole build succeeded, so a failed or killed build never leaves a broken or
//! half-written portal.
//!
//! The output folder is kehoach's own and is replaced as a whole, so before anything is
//! written [`check_output`] refuses an output that would take a user's files with it: the
//! site itself, a folder that contains the site, a folder inside its sources (`content/`,
//! `static/`, `templates/`, `themes/`, `.git/`), a file, or a non-empty folder that no build
//! made (a build marks its output with [`MARKER`]). A lock beside the output keeps two builds
//! from publishing into the same folder at once, and the swap itself is one atomic exchange on
//! Linux, so the output is always either the old one or the new one.

use crate::diag::Diagnostic;
use crate::{msg, tr};
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as a build's output, which the next build may replace whole.
pub const MARKER: &str = ".kehoach-output";

const MARKER_TEXT: &str = "Thư mục này do `kehoach build` tạo và được thay toàn bộ ở mỗi lần dựng: đừng lưu tệp của bạn ở đây.\nThis folder is written by `kehoach build` and replaced as a whole by each build: keep no files of yours here.\n";

/// The folders of a site that hold its sources (and its history): an output may not lie
/// inside any of them.
pub const SOURCE_DIRS: [&str; 5] = [
    crate::layout::CONTENT,
    crate::layout::STATIC,
    crate::layout::TEMPLATES,
    crate::layout::THEMES,
    ".git",
];

/// A folder next to the output that becomes the output on [`Staging::publish`]; removed if
/// dropped unpublished.
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    published: bool,
    /// Held for the whole build: no other build publishes into the same folder meanwhile.
    _lock: Option<std::fs::File>,
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.kehoach-{tag}-{}", std::process::id()))
}

/// `p` made absolute, with every part of it that exists resolved (symbolic links, `..`), and
/// the rest, which does not exist yet, added as written (`..` taken lexically there).
pub fn resolve(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let mut cur = PathBuf::new();
    let mut exists = true;
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if exists {
                    cur = std::fs::canonicalize(cur.join("..")).unwrap_or_else(|_| {
                        let mut up = cur.clone();
                        up.pop();
                        up
                    });
                } else {
                    cur.pop();
                }
            }
            Component::Normal(_) if exists => {
                let next = cur.join(c);
                match std::fs::canonicalize(&next) {
                    Ok(real) => cur = real,
                    Err(_) => {
                        exists = false;
                        cur = next;
                    }
                }
            }
            _ => cur.push(c),
        }
    }
    cur
}

/// Refuses an output folder that would replace or delete any of the user's files (see the
/// module documentation). `root` is the site, `out` the output as the user wrote it.
pub fn check_output(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let (real_root, real_out) = (resolve(root), resolve(out));
    let refuse = |why: String, hint: &crate::msg::Msg| {
        Err(Diagnostic::error(out, None, why)
            .with_hint(tr!(msg::OUTPUT_REFUSED_HINT, hint = hint.text())))
    };
    let suggest = &msg::OUTPUT_OTHER_FOLDER_HINT;
    if real_out == real_root {
        return refuse(tr!(msg::OUTPUT_IS_SITE), suggest);
    }
    if real_root.starts_with(&real_out) {
        return refuse(
            tr!(msg::OUTPUT_CONTAINS_SITE, site = real_root.display()),
            suggest,
        );
    }
    for dir in SOURCE_DIRS {
        if real_out.starts_with(real_root.join(dir)) {
            return refuse(tr!(msg::OUTPUT_IN_SOURCES, dir = dir), suggest);
        }
    }
    match std::fs::symlink_metadata(&real_out) {
        Ok(m) if !m.is_dir() => refuse(tr!(msg::OUTPUT_IS_FILE), &msg::OUTPUT_IS_FILE_HINT),
        Ok(_) if !is_ours_or_empty(&real_out) => refuse(
            tr!(msg::OUTPUT_NOT_OURS, marker = MARKER),
            &msg::OUTPUT_NOT_OURS_HINT,
        ),
        _ => Ok(()),
    }
}

/// Whether a folder may be replaced: it is empty, it carries the [`MARKER`] of a build, or it
/// is the output of a build made before the marker existed (its search index and script).
fn is_ours_or_empty(dir: &Path) -> bool {
    let Ok(mut entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.next().is_none()
        || dir.join(MARKER).is_file()
        || (dir
            .join(crate::urls::SEARCH_INDEX)
            .join("meta.js")
            .is_file()
            && dir.join(crate::urls::asset("kehoach.js")).is_file()
            && dir.join("index.html").is_file())
}

impl Staging {
    /// Checks the output ([`check_output`]), takes the lock beside it and makes the staging
    /// folder, marked as a build's output.
    pub fn new(root: &Path, out: &Path) -> Result<Staging, Diagnostic> {
        check_output(root, out)?;
        let out = resolve(out);
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        }
        let lock = lock(&out)?;
        clean_stale(&out);
        let tmp = sibling(&out, "new");
        std::fs::create_dir_all(&tmp).map_err(|e| io_error(&tmp, e))?;
        let staging = Staging {
            tmp,
            out,
            published: false,
            _lock: lock,
        };
        staging
            .writer()
            .write(Path::new(MARKER), MARKER_TEXT.as_bytes())
            .map_err(|e| io_error(&staging.tmp, e))?;
        Ok(staging)
    }

    pub fn path(&self) -> &Path {
        &self.tmp
    }

    /// Writes files into the staging folder.
    pub fn writer(&self) -> Writer {
        Writer {
            dir: self.tmp.clone(),
            previous: self.out.is_dir().then(|| self.out.clone()),
            in_place: false,
            touched: None,
        }
    }

    /// Replaces the output with the staged folder, then removes the previous output. On Linux
    /// the two folders are exchanged in one step, so there is no moment without an output;
    /// elsewhere (or on a file system that cannot exchange) the previous output is renamed
    /// aside first, and put back by the next build if this one is killed in between.
    pub fn publish(mut self) -> Result<(), Diagnostic> {
        let old = sibling(&self.out, "old");
        if self.out.exists() {
            if exchange(&self.tmp, &self.out).is_ok() {
                self.published = true;
                let _ = std::fs::remove_dir_all(&self.tmp);
                return Ok(());
            }
            std::fs::rename(&self.out, &old).map_err(|e| io_error(&self.out, e))?;
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.out) {
            // Put the previous output back before reporting.
            let _ = std::fs::rename(&old, &self.out);
            return Err(io_error(&self.out, e));
        }
        self.published = true;
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }
}

/// Swaps two folders atomically (`renameat2` with `RENAME_EXCHANGE`). Called through
/// `syscall`: the musl C library that Rust's static Linux target links (scripts/dist) has no
/// `renameat2` function, only the system call (Linux 3.15 and later), and glibc's function is
/// that same call.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt as _;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: renameat2 takes two directory descriptors, two paths and flags; both pointers
    // are valid NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::c_long::from(libc::AT_FDCWD),
            a.as_ptr(),
            libc::c_long::from(libc::AT_FDCWD),
            b.as_ptr(),
            libc::c_long::from(libc::RENAME_EXCHANGE),
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Takes the lock file beside the output (`.<name>.kehoach.lock`, kept: removing a lock file
/// races with the next build opening it), waiting for another build that holds it. `None`
/// where the file system cannot lock; the build then goes on unlocked, as before locks.
fn lock(out: &Path) -> Result<Option<std::fs::File>, Diagnostic> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let path = out.with_file_name(format!(".{name}.kehoach.lock"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| io_error(&path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!(
                "{}",
                crate::tr!(crate::msg::BUILD_WAITING_FOR_LOCK, dir = out.display())
            );
            match file.lock() {
                Ok(()) => Ok(Some(file)),
                Err(_) => Ok(None),
            }
        }
        Err(std::fs::TryLockError::Error(_)) => Ok(None),
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Leftovers of builds that were killed, found while holding the lock (so no build that is
/// still running owns them): their staging folders are removed, and a previous output renamed
/// aside by a build killed between the two renames of a publish comes back.
fn clean_stale(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let prefix = format!(".{}.kehoach-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let n = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = n.strip_prefix(&prefix) else {
            continue;
        };
        if rest.starts_with("old-") && !out.exists() {
            let _ = std::fs::rename(e.path(), out);
        } else if rest.starts_with("old-") || rest.starts_with("new-") {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Writes the files of a build. A file whose bytes equal the previous output's is not written
/// again but hard-linked from it, so after the swap it keeps its modification time and an
/// rsync-style deploy sends only what changed.
#[derive(Debug, Clone)]
pub struct Writer {
    dir: PathBuf,
    previous: Option<PathBuf>,
    /// Writing into a published output (incremental rebuilds): a file is written only when
    /// its bytes change, over the file (see [`Writer::write`]).
    in_place: bool,
    /// In place: every file written or found unchanged, so that files a rebuild no longer
    /// makes can be removed ([`Writer::remove_untouched`]).
    touched: Option<std::sync::Arc<std::sync::Mutex<std::collections::HashSet<PathBuf>>>>,
}

impl Writer {
    /// In place: removes the files under `sub` (a folder of the output) that this writer
    /// neither wrote nor found unchanged — what an incremental rebuild no longer makes.
    pub fn remove_untouched(&self, sub: &Path) {
        self.remove_untouched_named(sub, |_| true);
    }

    /// [`Self::remove_untouched`], for the files whose name `pick` accepts only (a folder that
    /// holds pages too, which an incremental rebuild renders only when they change).
    pub fn remove_untouched_named(&self, sub: &Path, pick: impl Fn(&str) -> bool) {
        let Some(Ok(touched)) = self.touched.as_ref().map(|t| t.lock()) else {
            return;
        };
        for e in walkdir::WalkDir::new(self.dir.join(sub))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && pick(&e.file_name().to_string_lossy()))
        {
            if let Ok(rel) = e.path().strip_prefix(&self.dir)
                && !touched.contains(rel)
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    /// A writer that updates the published output `dir` file by file (see [`Writer::write`]).
    pub fn in_place(dir: &Path) -> Writer {
        Writer {
            dir: dir.to_path_buf(),
            previous: None,
            in_place: true,
            touched: Some(Default::default()),
        }
    }

    /// Whether this writer updates a published output (see [`Writer::in_place`]).
    pub fn is_in_place(&self) -> bool {
        self.in_place
    }

    /// Removes a file that an incremental rebuild no longer makes (and its folder if that is
    /// left empty). A file already gone is not an error.
    pub fn remove(&self, rel: &Path) -> std::io::Result<()> {
        let full = self.dir.join(rel);
        match std::fs::remove_file(&full) {
            Ok(()) => {
                if let Some(parent) = full.parent() {
                    let _ = std::fs::remove_dir(parent);
                }
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn write(&self, rel: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let dest = self.dir.join(rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if self.in_place {
            self.touch(rel);
            let same = std::fs::metadata(&dest)
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
                && std::fs::read(&dest).is_ok_and(|old| old == bytes);
            if same {
                return Ok(());
            }
            // Over the file rather than a new file renamed over it: creating files is what
            // costs most on some file systems (ext4 without a journal looks for an inode not
            // freed in the last minute), and a rebuild rewrites hundreds. So a reader during
            // a rebuild may see a file half-written: `serve` reads none during a rebuild.
            return match std::fs::OpenOptions::new().write(true).open(&dest) {
                Ok(mut f) => {
                    use std::io::Write as _;
                    f.write_all(bytes)?;
                    f.set_len(bytes.len() as u64)
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::write(&dest, bytes),
                Err(e) => Err(e),
            };
        }
        if let Some(prev) = self.previous.as_ref().map(|p| p.join(rel)) {
            let same = std::fs::metadata(&prev)
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
                && std::fs::read(&prev).is_ok_and(|old| old == bytes);
            if same && std::fs::hard_link(&prev, &dest).is_ok() {
                return Ok(());
            }
        }
        std::fs::write(dest, bytes)
    }
}

impl Writer {
    fn touch(&self, rel: &Path) {
        if let Some(t) = &self.touched
            && let Ok(mut t) = t.lock()
        {
            t.insert(rel.to_path_buf());
        }
    }

    /// Writes a file made of `pieces`, each with an identity that changes whenever its bytes
    /// do; returns the layout written (identity and length of each piece), for the next time.
    ///
    /// In place, given the `previous` layout (checked against the file's length), only the
    /// bytes from the first piece that changed on are written, over the file, which is then
    /// cut to its new length: an export of every task, changed by one edited plan, is not
    /// written whole (at 1,000 plans that is 80 MB). Such a file is not replaced atomically:
    /// a reader during the rebuild may see it half-written (`serve` sends no file during a
    /// rebuild). Otherwise as [`Writer::write_streamed`].
    pub fn write_pieces(
        &self,
        rel: &Path,
        pieces: &[(u64, &[u8])],
        previous: Option<&[(u64, u64)]>,
    ) -> std::io::Result<Vec<(u64, u64)>> {
        use std::io::Seek as _;
        let layout: Vec<(u64, u64)> = pieces.iter().map(|(id, b)| (*id, b.len() as u64)).collect();
        if self.in_place
            && let Some(prev) = previous
        {
            let dest = self.dir.join(rel);
            let old_len: u64 = prev.iter().map(|p| p.1).sum();
            if std::fs::metadata(&dest).is_ok_and(|m| m.is_file() && m.len() == old_len) {
                self.touch(rel);
                let same = layout.iter().zip(prev).take_while(|(a, b)| a == b).count();
                if same == layout.len() && same == prev.len() {
                    return Ok(layout);
                }
                let offset: u64 = layout[..same].iter().map(|p| p.1).sum();
                let total: u64 = layout.iter().map(|p| p.1).sum();
                let mut file = std::fs::OpenOptions::new().write(true).open(&dest)?;
                file.seek(std::io::SeekFrom::Start(offset))?;
                write_all_vectored(&mut file, &pieces[same..])?;
                file.set_len(total)?;
                return Ok(layout);
            }
        }
        self.write_streamed(rel, |w| pieces.iter().try_for_each(|(_, b)| w.write_all(b)))?;
        Ok(layout)
    }

    /// Writes a file produced piece by piece (exports that grow with the site), keeping the
    /// previous output's file, as [`Writer::write`] does, when the bytes come out the same.
    /// Returns the number of bytes.
    pub fn write_streamed(
        &self,
        rel: &Path,
        produce: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<u64> {
        use std::io::Write as _;
        let final_dest = self.dir.join(rel);
        if let Some(parent) = final_dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if self.in_place {
            // Incremental rebuilds: assembled in memory (from cached pieces), written only
            // when the bytes differ from the published file.
            let mut buf = Vec::new();
            produce(&mut buf)?;
            self.write(rel, &buf)?;
            return Ok(buf.len() as u64);
        }
        let dest = final_dest.clone();
        let mut file = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&dest)?);
        produce(&mut file)?;
        file.flush()?;
        drop(file);
        let len = std::fs::metadata(&dest)?.len();
        if let Some(prev) = self.previous.as_ref().map(|p| p.join(rel))
            && std::fs::metadata(&prev).is_ok_and(|m| m.is_file() && m.len() == len)
            && same_contents(&prev, &dest)?
        {
            std::fs::remove_file(&dest)?;
            if std::fs::hard_link(&prev, &dest).is_err() {
                std::fs::copy(&prev, &dest)?;
            }
        }
        Ok(len)
    }
}

/// Writes the pieces' bytes straight from where they are (no copy into a buffer), as many at
/// a time as one system call takes. Empty pieces (a plan without tasks, an empty tail) are
/// left out: a batch of nothing but empty slices is written as 0 bytes, which would read as
/// a disk that takes no more.
fn write_all_vectored(file: &mut std::fs::File, pieces: &[(u64, &[u8])]) -> std::io::Result<()> {
    use std::io::{IoSlice, Write as _};
    let pieces: Vec<&[u8]> = pieces
        .iter()
        .map(|(_, b)| *b)
        .filter(|b| !b.is_empty())
        .collect();
    for batch in pieces.chunks(1024) {
        let mut slices: Vec<IoSlice> = batch.iter().map(|b| IoSlice::new(b)).collect();
        let mut bufs = &mut slices[..];
        while !bufs.is_empty() {
            match file.write_vectored(bufs) {
                Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
                Ok(n) => IoSlice::advance_slices(&mut bufs, n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}

/// Compares two files of equal length chunk by chunk.
fn same_contents(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::io::Read as _;
    let (mut fa, mut fb) = (std::fs::File::open(a)?, std::fs::File::open(b)?);
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = fa.read(&mut ba)?;
        if n == 0 {
            return Ok(true);
        }
        fb.read_exact(&mut bb[..n])?;
        if ba[..n] != bb[..n] {
            return Ok(false);
        }
    }
}

/// The `file://` address of a local file, to print for the user to open: `path` made absolute
/// as [`resolve`] does. On Windows the resolved path is verbatim (`\\?\C:\…`), which no
/// browser reads, so the address is `file:///C:/…` there; see [`file_url_of`].
pub fn file_url(path: &Path) -> String {
    file_url_of(&resolve(path).to_string_lossy(), cfg!(windows))
}

/// [`file_url`] of a path already absolute, as text; `windows` says whether `\` separates its
/// parts and whether it may carry the verbatim prefixes (`\\?\C:\…`, `\\?\UNC\server\…`). The
/// few characters that would end or cut an address (space, `%`, `#`, `?`) are escaped; letters
/// of any script are kept, as browsers take them.
pub fn file_url_of(path: &str, windows: bool) -> String {
    let mut p = path.to_string();
    if windows {
        if let Some(rest) = p.strip_prefix(r"\\?\UNC\") {
            p = format!(r"\\{rest}");
        } else if let Some(rest) = p.strip_prefix(r"\\?\") {
            p = rest.to_string();
        }
        p = p.replace('\\', "/");
    }
    // `/home/…` → `file:///home/…`, `C:/…` → `file:///C:/…`, `//server/share/…` →
    // `file://server/share/…`.
    let tail = match p.strip_prefix("//") {
        Some(host_and_path) => host_and_path.to_string(),
        None => format!("/{}", p.trim_start_matches('/')),
    };
    let mut url = String::from("file://");
    for c in tail.chars() {
        match c {
            ' ' => url.push_str("%20"),
            '%' => url.push_str("%25"),
            '#' => url.push_str("%23"),
            '?' => url.push_str("%3F"),
            c => url.push(c),
        }
    }
    url
}

fn io_error(p: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(p, None, tr!(msg::CANNOT_WRITE_OUTPUT, error = e))
        .with_hint(tr!(msg::OUTPUT_WRITABLE_HINT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_folders_in_one_step() {
        let d = tempfile::tempdir().unwrap();
        let (a, b) = (d.path().join("a"), d.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("f"), "new").unwrap();
        std::fs::write(b.join("f"), "old").unwrap();
        exchange(&a, &b).unwrap();
        assert_eq!(std::fs::read_to_string(b.join("f")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(a.join("f")).unwrap(), "old");
    }

    #[test]
    fn file_urls_are_what_a_browser_opens_on_either_system() {
        let cases = [
            (
                "/home/an/public/index.html",
                false,
                "file:///home/an/public/index.html",
            ),
            (
                "/home/an/cổng kế hoạch/#1/index.html",
                false,
                "file:///home/an/cổng%20kế%20hoạch/%231/index.html",
            ),
            // A `\` is a letter of a Linux file name.
            ("/tmp/a\\b", false, "file:///tmp/a\\b"),
            (
                r"\\?\C:\kehoach\public\index.html",
                true,
                "file:///C:/kehoach/public/index.html",
            ),
            (
                r"C:\Users\Nguyễn Văn A\trang 50%\index.html",
                true,
                "file:///C:/Users/Nguyễn%20Văn%20A/trang%2050%25/index.html",
            ),
            (
                r"\\?\UNC\may-chu\chung\public\index.html",
                true,
                "file://may-chu/chung/public/index.html",
            ),
            (
                r"\\may-chu\chung\public\index.html",
                true,
                "file://may-chu/chung/public/index.html",
            ),
        ];
        for (path, windows, url) in cases {
            assert_eq!(file_url_of(path, windows), url, "{path}");
        }
    }

    #[test]
    fn resolve_follows_what_exists_and_keeps_the_rest_as_written() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().canonicalize().unwrap();
        std::fs::create_dir_all(real.join("x/y")).unwrap();
        assert_eq!(resolve(&real.join("x/./y/../y")), real.join("x/y"));
        assert_eq!(resolve(&real.join("x/moi/../khac")), real.join("x/khac"));
        assert_eq!(resolve(&real.join("x/y/../../x")), real.join("x"));
    }
}
