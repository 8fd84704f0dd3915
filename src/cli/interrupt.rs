//! Ctrl-C and `kill`: a run that is stopped leaves no temporary file and no
//! half-replaced pair, and says what it finished.
//!
//! Contract:
//! - [`install`] (called first thing in `cli::main`) blocks SIGINT, SIGTERM
//!   and SIGHUP in every thread and waits for them on a thread of its own,
//!   so the handler is ordinary code: it takes the commit lock (a set of
//!   renames in progress finishes first, see [`while_committing`]), marks the
//!   run as stopping (no new temporary file is created after that), removes
//!   every registered temporary file, prints which inputs were finished and
//!   which were not ([`Progress`]), and exits with 130 (SIGINT) or 143.
//! - Without [`install`] (the library, the tests calling `cli::run`), the
//!   registry still works and nothing else changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use baocao::i18n::Text;

#[derive(Default)]
struct State {
    temps: BTreeSet<PathBuf>,
    stopping: bool,
    progress: Option<Progress>,
}

/// What the run is doing, for the message printed when it is stopped.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// Every input of the run, in order.
    pub inputs: Vec<PathBuf>,
    /// The inputs whose outputs are written (or that failed: they are done).
    pub finished: BTreeSet<PathBuf>,
}

static STATE: Mutex<State> = Mutex::new(State { temps: BTreeSet::new(), stopping: false, progress: None });

fn state() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Registers a temporary file about to be created; false once the run is
/// stopping (then the file must not be created).
pub fn register_temp(path: &Path) -> bool {
    let mut s = state();
    if s.stopping {
        return false;
    }
    s.temps.insert(path.to_path_buf());
    true
}

/// The temporary file is gone (renamed or removed).
pub fn forget_temp(path: &Path) {
    state().temps.remove(path);
}

/// Runs a set of renames that must not be cut in half by a signal.
pub fn while_committing<T>(f: impl FnOnce() -> T) -> T {
    let _held = COMMIT.lock().unwrap_or_else(|e| e.into_inner());
    f()
}

static COMMIT: Mutex<()> = Mutex::new(());

/// The inputs of this run (before any is rendered).
pub fn start(inputs: Vec<PathBuf>) {
    state().progress = Some(Progress { inputs, finished: BTreeSet::new() });
}

/// `input` is done (written, or failed).
pub fn finished(input: &Path) {
    if let Some(p) = state().progress.as_mut() {
        p.finished.insert(input.to_path_buf());
    }
}

/// Names shown in the stop message at most, per list.
const SHOWN: usize = 10;

/// The message printed when the run is stopped.
pub fn stopped_message(progress: &Progress) -> Text {
    let done: Vec<&PathBuf> = progress.inputs.iter().filter(|i| progress.finished.contains(*i)).collect();
    let left: Vec<&PathBuf> = progress.inputs.iter().filter(|i| !progress.finished.contains(*i)).collect();
    // The first names, then how many more, in each language.
    let list = |v: &[&PathBuf]| {
        let shown = v.iter().take(SHOWN).map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        match v.len().saturating_sub(SHOWN) {
            0 => (shown.clone(), shown),
            more => (format!("{shown} và {more} tệp khác"), format!("{shown} and {more} more")),
        }
    };
    let (done_vi, done_en) = list(&done);
    let (left_vi, left_en) = list(&left);
    let total = progress.inputs.len();
    let mut vi = format!("Đã dừng theo yêu cầu: xong {}/{total} tệp", done.len());
    let mut en = format!("Stopped on request: {} of {total} input(s) finished", done.len());
    if !done.is_empty() {
        vi.push_str(&format!(" ({done_vi})"));
        en.push_str(&format!(" ({done_en})"));
    }
    if !left.is_empty() {
        vi.push_str(&format!("; chưa xong {}: {left_vi}", left.len()));
        en.push_str(&format!("; not finished {}: {left_en}", left.len()));
    }
    vi.push_str(". Các tệp kết quả đã có vẫn nguyên vẹn, không còn tệp tạm.");
    en.push_str(". Existing outputs are whole; no temporary file is left.");
    Text::new(vi, en)
}

/// Stops the run: the commit lock first (renames in progress finish), then
/// no new temporary files, removal of the existing ones, the message.
fn stop(signal: i32) -> ! {
    let _held = COMMIT.lock().unwrap_or_else(|e| e.into_inner());
    let (temps, progress) = {
        let mut s = state();
        s.stopping = true;
        (std::mem::take(&mut s.temps), s.progress.clone())
    };
    for t in temps {
        let _ = std::fs::remove_file(t);
    }
    if let Some(p) = progress {
        eprintln!("\n{}", stopped_message(&p).get(super::lang()));
    }
    std::process::exit(128 + signal)
}

/// Routes SIGINT, SIGTERM and SIGHUP to [`stop`] on a thread of its own.
/// Call before any other thread starts: threads inherit the blocked mask.
#[cfg(unix)]
pub fn install() {
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for s in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::sigaddset(&mut set, s);
        }
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        let waiting = set;
        std::thread::spawn(move || {
            let mut signal: libc::c_int = 0;
            loop {
                if libc::sigwait(&waiting, &mut signal) == 0 {
                    stop(signal);
                }
            }
        });
    }
}

#[cfg(not(unix))]
pub fn install() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stop_message_lists_what_finished_and_what_did_not() {
        let mut p = Progress { inputs: vec!["a.yaml".into(), "b.yaml".into(), "c.yaml".into()], ..Progress::default() };
        p.finished.insert("a.yaml".into());
        let m = stopped_message(&p);
        assert_eq!(
            m.vi,
            "Đã dừng theo yêu cầu: xong 1/3 tệp (a.yaml); chưa xong 2: b.yaml, c.yaml. Các tệp kết quả đã có vẫn nguyên vẹn, không còn tệp tạm."
        );
        assert_eq!(
            m.en,
            "Stopped on request: 1 of 3 input(s) finished (a.yaml); not finished 2: b.yaml, c.yaml. Existing outputs are whole; no temporary file is left."
        );
        let many = Progress { inputs: (0..13).map(|i| PathBuf::from(format!("x{i}.yaml"))).collect(), ..Progress::default() };
        let m = stopped_message(&many);
        assert!(m.vi.contains("x9.yaml và 3 tệp khác."), "{}", m.vi);
        assert!(m.en.contains("x9.yaml and 3 more."), "{}", m.en);
    }
}
