//! Writing reports without ever costing a clerk a file.
//!
//! Contract:
//! - Ownership: every output folder holds a ledger, `.baocao-outputs`, one
//!   line per file baocao wrote there: the SHA-256 of its bytes, its name
//!   and the input it came from. A file is *ours* when it is a regular file
//!   whose current bytes hash to a ledger entry of its name: a report edited
//!   by hand, a file of the same name put there by someone else, or an input
//!   is never ours. baocao replaces or removes only files that are ours (or
//!   absent); anything else is left alone and reported.
//! - [`Writer::replace_together`] writes all outputs of one input to
//!   temporary files first, records them in the ledger, and only then renames
//!   them into place, keeping a link to each old file until every rename
//!   succeeded: on any failure the previous set stays whole and no temporary
//!   file remains.
//! - Temporary files are named `.baocao-<pid>-<n>.tmp` and registered with
//!   [`super::interrupt`], which removes them on SIGINT/SIGTERM and waits for
//!   a set of renames in progress to finish. The first time a run touches a
//!   folder it removes the temporary files of runs that no longer exist
//!   (killed with SIGKILL or by a power cut), and compacts the ledger.
//! - The ledger is appended to (one short line per file, in one write), so a
//!   batch of thousands of units costs no more than the files themselves;
//!   it keeps the last two entries per name when compacted.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

use super::interrupt;

/// The ledger of files baocao wrote in a folder.
pub const LEDGER: &str = ".baocao-outputs";
const TEMP_PREFIX: &str = ".baocao-";
const TEMP_SUFFIX: &str = ".tmp";
/// Outputs are a few hundred kilobytes; a larger file is not one of ours.
const MAX_OWNED_BYTES: u64 = 256 * 1024 * 1024;

/// Why a set of outputs was not written.
#[derive(Debug)]
pub enum WriteError {
    /// `path` exists and baocao cannot prove it wrote it.
    NotOurs(PathBuf),
    /// Writing or renaming `path` failed.
    Io(PathBuf, std::io::Error),
}

/// Whether the ledger lines were appended; else the output whose folder's
/// ledger failed, and why.
type Recorded = Result<(), (PathBuf, std::io::Error)>;

/// One folder's ledger: name -> hashes, oldest first.
#[derive(Default)]
struct Ledger {
    entries: HashMap<Vec<u8>, Vec<String>>,
}

/// Writes outputs and keeps the ledgers of the folders it touched.
#[derive(Default)]
pub struct Writer {
    ledgers: Mutex<HashMap<PathBuf, Ledger>>,
    /// Wait for each file to reach the disk before renaming (render: yes;
    /// batch: no, see `cli::batch`).
    pub durable: bool,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl Writer {
    pub fn new(durable: bool) -> Writer {
        Writer { ledgers: Mutex::new(HashMap::new()), durable }
    }

    /// Whether `path` is a file this folder's ledger proves baocao wrote.
    pub fn is_ours(&self, path: &Path) -> bool {
        let (dir, name) = split(path);
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return false;
        };
        if !meta.is_file() || meta.len() > MAX_OWNED_BYTES {
            return false;
        }
        let hashes = self.with_ledger(&dir, |l| l.entries.get(&name).cloned().unwrap_or_default());
        if hashes.is_empty() {
            return false;
        }
        match std::fs::read(path) {
            Ok(bytes) => hashes.contains(&hash(&bytes)),
            Err(_) => false,
        }
    }

    /// Whether nothing is at `path`, or only a file of ours.
    fn replaceable(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_err() || self.is_ours(path)
    }

    /// Replaces the outputs of one input (`source`) together: every file is
    /// written to a temporary file first; the renames happen only when all
    /// were written, and are undone if one fails.
    pub fn replace_together(&self, outputs: &[(PathBuf, &[u8])], source: &Path) -> Result<(), WriteError> {
        for (target, _) in outputs {
            if !self.replaceable(target) {
                return Err(WriteError::NotOurs(target.clone()));
            }
        }
        let cleanup = |temps: &[PathBuf]| {
            for t in temps {
                let _ = std::fs::remove_file(t);
                interrupt::forget_temp(t);
            }
        };
        let (written, recorded) = self.write_and_record(outputs, source);
        let temps: Vec<PathBuf> = written.iter().filter_map(|w| w.as_ref().ok().cloned()).collect();
        if let Some((i, e)) = written.into_iter().enumerate().find_map(|(i, w)| w.err().map(|e| (i, e))) {
            cleanup(&temps);
            return Err(WriteError::Io(outputs[i].0.clone(), e));
        }
        if let Err((target, e)) = recorded {
            cleanup(&temps);
            return Err(WriteError::Io(target, e));
        }
        let result = interrupt::while_committing(|| commit(outputs, &temps));
        cleanup(&temps);
        result
    }

    /// Writes each output to a temporary file (the i-th result is the i-th
    /// output's) and appends them to the ledger, which happens before any
    /// rename: a run killed in between still owns what it renamed. When
    /// durable, every file and the ledger are synced on a thread each: a sync
    /// mostly waits for the disk, and three in a row were a fifth of a
    /// single render. Otherwise one after another, stopping at the first
    /// failure (nothing recorded then).
    fn write_and_record(&self, outputs: &[(PathBuf, &[u8])], source: &Path) -> (Vec<std::io::Result<PathBuf>>, Recorded) {
        if self.durable {
            return std::thread::scope(|scope| {
                let writing: Vec<_> = outputs.iter().map(|(target, bytes)| scope.spawn(move || self.write_temp(target, bytes))).collect();
                let recorded = self.record(outputs, source);
                let written = writing.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect();
                (written, recorded)
            });
        }
        let mut written = Vec::new();
        for (target, bytes) in outputs {
            let temp = self.write_temp(target, bytes);
            let failed = temp.is_err();
            written.push(temp);
            if failed {
                return (written, Ok(()));
            }
        }
        (written, self.record(outputs, source))
    }

    /// Removes `path` if it is ours; true when it was removed.
    pub fn remove_if_ours(&self, path: &Path) -> bool {
        self.is_ours(path) && std::fs::remove_file(path).is_ok()
    }

    /// Ledger entries of `dir`: (name, source) for every name recorded.
    pub fn recorded(&self, dir: &Path) -> Vec<(PathBuf, PathBuf)> {
        let text = std::fs::read(dir.join(LEDGER)).unwrap_or_default();
        let mut out: Vec<(PathBuf, PathBuf)> = Vec::new();
        for line in text.split(|&b| b == b'\n') {
            if let Some((_, name, source)) = parse_line(line) {
                let (name, source) = (bytes_to_path(&name), bytes_to_path(&source));
                out.retain(|(n, _)| *n != name);
                out.push((name, source));
            }
        }
        out.sort();
        out
    }

    fn write_temp(&self, target: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
        let dir = parent(target);
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let temp = dir.join(format!("{TEMP_PREFIX}{}-{n}{TEMP_SUFFIX}", std::process::id()));
            if !interrupt::register_temp(&temp) {
                return Err(std::io::Error::from(std::io::ErrorKind::Interrupted));
            }
            let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp);
            let mut file = match file {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    interrupt::forget_temp(&temp);
                    continue;
                }
                Err(e) => {
                    interrupt::forget_temp(&temp);
                    return Err(e);
                }
            };
            let written = (|| {
                file.write_all(bytes)?;
                if self.durable {
                    file.sync_all()?;
                }
                // A report is an ordinary document, readable like the others.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    file.set_permissions(std::fs::Permissions::from_mode(0o644))?;
                }
                Ok(())
            })();
            if let Err(e) = written {
                let _ = std::fs::remove_file(&temp);
                interrupt::forget_temp(&temp);
                return Err(e);
            }
            return Ok(temp);
        }
    }

    /// Appends the ledger lines of `outputs`, one write and one sync per
    /// folder (the outputs of one input share a folder: one sync, not one per
    /// format). The error names the first output of the folder that failed.
    fn record(&self, outputs: &[(PathBuf, &[u8])], source: &Path) -> Recorded {
        let source = source.canonicalize().unwrap_or_else(|_| source.to_path_buf());
        // (folder, its first output, (name, hash) of each output in it)
        type Entries = Vec<(Vec<u8>, String)>;
        let mut by_dir: Vec<(PathBuf, PathBuf, Entries)> = Vec::new();
        for (target, bytes) in outputs {
            let (dir, name) = split(target);
            match by_dir.iter_mut().find(|(d, _, _)| *d == dir) {
                Some((_, _, names)) => names.push((name, hash(bytes))),
                None => by_dir.push((dir, target.clone(), vec![(name, hash(bytes))])),
            }
        }
        for (dir, first, names) in by_dir {
            let mut lines = Vec::new();
            for (name, hash) in &names {
                lines.extend(format!("{hash}\t").into_bytes());
                lines.extend(escape(name));
                lines.push(b'\t');
                lines.extend(escape(&path_bytes(&source)));
                lines.push(b'\n');
            }
            self.with_ledger(&dir, |l| -> std::io::Result<()> {
                let mut file = std::fs::OpenOptions::new().create(true).append(true).open(dir.join(LEDGER))?;
                file.write_all(&lines)?;
                if self.durable {
                    file.sync_data()?;
                }
                for (name, hash) in names {
                    l.entries.entry(name).or_default().push(hash);
                }
                Ok(())
            })
            .map_err(|e| (first, e))?;
        }
        Ok(())
    }

    fn with_ledger<T>(&self, dir: &Path, f: impl FnOnce(&mut Ledger) -> T) -> T {
        let mut ledgers = self.ledgers.lock().unwrap_or_else(|e| e.into_inner());
        let key = dir.to_path_buf();
        if !ledgers.contains_key(&key) {
            remove_leftovers(dir);
            let ledger = load_and_compact(dir);
            ledgers.insert(key.clone(), ledger);
        }
        f(ledgers.get_mut(&key).expect("just inserted"))
    }
}

/// Renames each temporary file onto its target; on a failure, puts back
/// what was there before and removes what was new.
fn commit(outputs: &[(PathBuf, &[u8])], temps: &[PathBuf]) -> Result<(), WriteError> {
    // Links to the old files, so that a failed rename can restore them.
    enum Before {
        Absent,
        Linked(PathBuf),
        /// There was a file but no second link could be made (a file
        /// system without hard links): a failed set then leaves the new file.
        Unlinkable,
    }
    let mut before: Vec<Before> = Vec::new();
    let drop_links = |before: &[Before]| {
        for b in before {
            if let Before::Linked(link) = b {
                let _ = std::fs::remove_file(link);
                interrupt::forget_temp(link);
            }
        }
    };
    for (target, _) in outputs {
        if std::fs::symlink_metadata(target).is_err() {
            before.push(Before::Absent);
            continue;
        }
        let link =
            parent(target).join(format!("{TEMP_PREFIX}{}-{}{TEMP_SUFFIX}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
        if interrupt::register_temp(&link) && std::fs::hard_link(target, &link).is_ok() {
            before.push(Before::Linked(link));
        } else {
            interrupt::forget_temp(&link);
            before.push(Before::Unlinkable);
        }
    }
    for (i, ((target, _), temp)) in outputs.iter().zip(temps).enumerate() {
        if let Err(e) = std::fs::rename(temp, target) {
            for ((earlier, _), b) in outputs[..i].iter().zip(&before) {
                match b {
                    Before::Linked(link) => {
                        let _ = std::fs::rename(link, earlier);
                    }
                    Before::Absent => {
                        let _ = std::fs::remove_file(earlier);
                    }
                    Before::Unlinkable => {}
                }
            }
            drop_links(&before);
            return Err(WriteError::Io(target.clone(), e));
        }
    }
    drop_links(&before);
    Ok(())
}

/// Removes the temporary files of baocao runs that are no longer running.
pub fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(middle) = name.strip_prefix(TEMP_PREFIX).and_then(|n| n.strip_suffix(TEMP_SUFFIX)) else {
            continue;
        };
        let stale = match middle.split_once('-').and_then(|(pid, _)| pid.parse::<u32>().ok()) {
            Some(pid) => pid != std::process::id() && !alive(pid),
            // Named by older versions (`.baocao-XXXXXX.tmp`): left for a minute.
            None => entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() > 60)),
        };
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        // Signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(pid as libc::pid_t, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

fn load_and_compact(dir: &Path) -> Ledger {
    let path = dir.join(LEDGER);
    let Ok(text) = std::fs::read(&path) else {
        return Ledger::default();
    };
    let mut ledger = Ledger::default();
    let mut order: Vec<(Vec<u8>, String, Vec<u8>)> = Vec::new();
    let mut lines = 0;
    for line in text.split(|&b| b == b'\n') {
        if let Some((hash, name, source)) = parse_line(line) {
            lines += 1;
            ledger.entries.entry(name.clone()).or_default().push(hash.clone());
            order.push((name, hash, source));
        }
    }
    // Compact when mostly history: the last two entries of each name stay.
    if lines > 2 * ledger.entries.len() + 64 {
        let mut kept: Vec<&(Vec<u8>, String, Vec<u8>)> = Vec::new();
        let mut count: HashMap<&[u8], usize> = HashMap::new();
        for entry in order.iter().rev() {
            let c = count.entry(&entry.0).or_default();
            if *c < 2 {
                *c += 1;
                kept.push(entry);
            }
        }
        kept.reverse();
        let mut out = Vec::new();
        for (name, hash, source) in kept {
            out.extend(format!("{hash}\t").into_bytes());
            out.extend(escape(name));
            out.push(b'\t');
            out.extend(escape(source));
            out.push(b'\n');
        }
        let temp = dir.join(format!("{TEMP_PREFIX}{}-ledger{TEMP_SUFFIX}", std::process::id()));
        if interrupt::register_temp(&temp) {
            if std::fs::write(&temp, &out).is_ok() {
                let _ = std::fs::rename(&temp, &path);
            }
            let _ = std::fs::remove_file(&temp);
            interrupt::forget_temp(&temp);
        }
        for hashes in ledger.entries.values_mut() {
            let drop = hashes.len().saturating_sub(2);
            hashes.drain(..drop);
        }
    }
    ledger
}

/// One ledger line: (hash, name, source).
fn parse_line(line: &[u8]) -> Option<(String, Vec<u8>, Vec<u8>)> {
    let mut parts = line.split(|&b| b == b'\t');
    let hash = std::str::from_utf8(parts.next()?).ok()?.to_string();
    let name = unescape(parts.next()?);
    let source = unescape(parts.next().unwrap_or_default());
    (hash.len() == 64 && !name.is_empty()).then_some((hash, name, source))
}

pub(crate) fn hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn parent(path: &Path) -> PathBuf {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

fn split(path: &Path) -> (PathBuf, Vec<u8>) {
    let name = path.file_name().map(|n| path_bytes(Path::new(n))).unwrap_or_default();
    (parent(path), name)
}

#[cfg(unix)]
fn path_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().as_bytes().to_vec()
}

#[cfg(unix)]
fn bytes_to_path(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn bytes_to_path(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

/// Tabs, newlines, `%` and bytes that are not printable ASCII as `%XX`, so
/// any file name (even one that is not UTF-8) fits on one ledger line.
fn escape(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_graphic() && b != b'%' || b == b' ' {
            out.push(b);
        } else {
            out.extend(format!("%{b:02X}").into_bytes());
        }
    }
    out
}

fn unescape(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn only_files_we_wrote_are_ours_and_edits_make_them_foreign() {
        let dir = tempfile::tempdir().unwrap();
        let w = Writer::new(false);
        let (pdf, docx) = (dir.path().join("a.pdf"), dir.path().join("a.docx"));
        w.replace_together(&[(pdf.clone(), b"pdf 1"), (docx.clone(), b"docx 1")], Path::new("a.yaml")).unwrap();
        assert!(w.is_ours(&pdf) && w.is_ours(&docx));
        assert_eq!(names(dir.path()), [LEDGER, "a.docx", "a.pdf"]);
        // A second writer (the next run) reads the ledger.
        let next = Writer::new(false);
        assert!(next.is_ours(&pdf));
        std::fs::write(&docx, b"edited by hand").unwrap();
        assert!(!next.is_ours(&docx));
        let refused = next.replace_together(&[(pdf.clone(), b"pdf 2"), (docx.clone(), b"docx 2")], Path::new("a.yaml"));
        assert!(matches!(refused, Err(WriteError::NotOurs(p)) if p == docx));
        assert_eq!(std::fs::read(&pdf).unwrap(), b"pdf 1", "nothing replaced");
        assert!(!next.remove_if_ours(&docx));
        assert!(docx.exists());
    }

    #[test]
    fn a_failed_rename_puts_the_old_pair_back() {
        let dir = tempfile::tempdir().unwrap();
        let w = Writer::new(false);
        let (pdf, docx) = (dir.path().join("a.pdf"), dir.path().join("a.docx"));
        w.replace_together(&[(pdf.clone(), b"pdf 1"), (docx.clone(), b"docx 1")], Path::new("a.yaml")).unwrap();
        // The second target's folder disappears between writing and renaming:
        // simulate with a target inside a missing folder.
        let missing = dir.path().join("gone/a.docx");
        let temps = vec![w.write_temp(&pdf, b"pdf 2").unwrap(), w.write_temp(&docx, b"docx 2").unwrap()];
        let result = commit(&[(pdf.clone(), b"pdf 2"), (missing, b"docx 2")], &temps);
        assert!(result.is_err());
        assert_eq!(std::fs::read(&pdf).unwrap(), b"pdf 1", "the first rename was undone");
        for t in &temps {
            let _ = std::fs::remove_file(t);
        }
        assert_eq!(names(dir.path()), [LEDGER, "a.docx", "a.pdf"], "no temporary file left");
    }

    #[test]
    fn a_set_that_cannot_be_written_leaves_the_old_pair_and_no_temporary_file_synced_or_not() {
        for durable in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let w = Writer::new(durable);
            let (pdf, docx) = (dir.path().join("a.pdf"), dir.path().join("a.docx"));
            w.replace_together(&[(pdf.clone(), b"pdf 1"), (docx.clone(), b"docx 1")], Path::new("a.yaml")).unwrap();
            assert!(w.is_ours(&pdf) && w.is_ours(&docx), "durable: {durable}");
            assert_eq!(std::fs::read(&docx).unwrap(), b"docx 1");
            // The second output's folder does not exist: its temporary file
            // cannot be made, while the first one's can.
            let missing = dir.path().join("gone/a.docx");
            let result = w.replace_together(&[(pdf.clone(), b"pdf 2"), (missing.clone(), b"docx 2")], Path::new("a.yaml"));
            assert!(matches!(&result, Err(WriteError::Io(p, _)) if *p == missing), "durable: {durable}: {result:?}");
            assert_eq!(std::fs::read(&pdf).unwrap(), b"pdf 1", "durable: {durable}: nothing replaced");
            assert_eq!(names(dir.path()), [LEDGER, "a.docx", "a.pdf"], "durable: {durable}: no temporary file left");
            assert!(Writer::new(durable).is_ours(&pdf), "durable: {durable}: still ours for the next run");
        }
    }

    #[test]
    fn leftovers_of_dead_runs_go_and_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        // A process id above the kernel's maximum is gone; ours is alive.
        std::fs::write(dir.path().join(".baocao-4194999-3.tmp"), b"").unwrap();
        let mine = format!(".baocao-{}-1.tmp", std::process::id());
        std::fs::write(dir.path().join(&mine), b"").unwrap();
        std::fs::write(dir.path().join("notes.tmp"), b"").unwrap();
        remove_leftovers(dir.path());
        assert_eq!(names(dir.path()), [mine.as_str(), "notes.tmp"]);
    }

    #[test]
    fn the_ledger_keeps_the_last_two_entries_per_name_when_compacted() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("a.pdf");
        let w = Writer::new(false);
        for i in 0..100 {
            w.replace_together(&[(pdf.clone(), format!("pdf {i}").as_bytes())], Path::new("a.yaml")).unwrap();
        }
        let lines = |d: &Path| std::fs::read_to_string(d.join(LEDGER)).unwrap().lines().count();
        assert_eq!(lines(dir.path()), 100, "appended while running");
        // The next run compacts on first use and still owns the file.
        let next = Writer::new(false);
        assert!(next.is_ours(&pdf));
        assert_eq!(lines(dir.path()), 2);
        assert_eq!(std::fs::read(&pdf).unwrap(), b"pdf 99");
    }

    #[test]
    fn names_that_are_not_text_survive_the_ledger() {
        let raw = b"a\tb%\xff\n.pdf";
        assert_eq!(unescape(&escape(raw)), raw);
        assert!(!escape(raw).contains(&b'\t') && !escape(raw).contains(&b'\n'));
    }
}
