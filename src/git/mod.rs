//! rapporteur on git's own extension points: the merge drivers (`merge-file`) and the
//! set-up of a folder (`init`).

pub mod driver;
pub mod init;

/// Exit status: merged cleanly, or set up.
pub const CLEAN: i32 = 0;
/// Exit status: a conflict was written (git reports the file as conflicted).
pub const CONFLICT: i32 = 1;
/// Exit status: usage, I/O or invalid input.
pub const ERROR: i32 = 2;

/// A path for a message on the terminal.
pub(crate) fn shown(path: &std::path::Path) -> String {
    crate::text::inert_line(&path.display().to_string()).into_owned()
}

/// Prints a file as it is (git's textconv of minutes that do not load).
pub fn show_as_is(path: &std::path::Path) -> i32 {
    use std::io::Write;
    let bytes = match crate::fsafe::read_regular(path) {
        Ok(b) => b,
        Err(e) => {
            crate::errln!("error: {}: cannot read: {e}", shown(path));
            return ERROR;
        }
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(&bytes).and_then(|()| out.flush()) {
        Ok(()) => CLEAN,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => CLEAN,
        Err(e) => {
            crate::errln!("error: cannot write: {e}");
            ERROR
        }
    }
}
