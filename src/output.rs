//! Publishing: the site is written into a staging folder beside the output and swapped in
//! only when the whole build succeeded, so a failed or killed build never leaves a broken or
//! half-written portal.

use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// A folder next to the output that becomes the output on [`Staging::publish`]; removed if
/// dropped unpublished.
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    published: bool,
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.kehoach-{tag}-{}", std::process::id()))
}

impl Staging {
    pub fn new(out: &Path) -> Result<Staging, Diagnostic> {
        let out = if out.is_absolute() {
            out.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|d| d.join(out))
                .unwrap_or_else(|_| out.to_path_buf())
        };
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        }
        clean_stale(&out);
        let tmp = sibling(&out, "new");
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| io_error(&tmp, e))?;
        }
        std::fs::create_dir_all(&tmp).map_err(|e| io_error(&tmp, e))?;
        Ok(Staging {
            tmp,
            out,
            published: false,
        })
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

    /// Replaces the output with the staged folder: two renames, then the old one is removed.
    pub fn publish(mut self) -> Result<(), Diagnostic> {
        let old = sibling(&self.out, "old");
        if self.out.exists() {
            if !self.out.is_dir() {
                return Err(Diagnostic::error(
                    &self.out,
                    None,
                    "the output path exists and is not a folder",
                )
                .with_hint("choose another --output, or remove that file"));
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

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Leftovers of a build that was killed: staging folders of processes that no longer run.
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
        let pid: Option<u32> = rest.rsplit('-').next().and_then(|p| p.parse().ok());
        let alive = pid
            .is_some_and(|p| p == std::process::id() || Path::new(&format!("/proc/{p}")).exists());
        if !alive && rest.starts_with("old-") && !out.exists() {
            // Killed between the two renames of a publish: the previous output comes back.
            let _ = std::fs::rename(e.path(), out);
        } else if !alive {
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
        let Some(Ok(touched)) = self.touched.as_ref().map(|t| t.lock()) else {
            return;
        };
        for e in walkdir::WalkDir::new(self.dir.join(sub))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
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
        if let Some(prev) = self.previous.as_ref().map(|p| p.join(rel)) {
            if std::fs::metadata(&prev).is_ok_and(|m| m.is_file() && m.len() == len)
                && same_contents(&prev, &dest)?
            {
                std::fs::remove_file(&dest)?;
                if std::fs::hard_link(&prev, &dest).is_err() {
                    std::fs::copy(&prev, &dest)?;
                }
            }
        }
        Ok(len)
    }
}

/// Writes the pieces' bytes straight from where they are (no copy into a buffer), as many at
/// a time as one system call takes.
fn write_all_vectored(file: &mut std::fs::File, pieces: &[(u64, &[u8])]) -> std::io::Result<()> {
    use std::io::{IoSlice, Write as _};
    for batch in pieces.chunks(1024) {
        let mut slices: Vec<IoSlice> = batch.iter().map(|(_, b)| IoSlice::new(b)).collect();
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

fn io_error(p: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(p, None, format!("cannot write the output: {e}"))
        .with_hint("check that the folder is writable and the disk is not full")
}
