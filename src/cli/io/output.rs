//! Writing the output: standard output, or the file `-o` names.
//!
//! What `-o PATH` does depends on what is at the path:
//!
//! - nothing, or a regular file: the output is written to a temporary file
//!   beside it, `.NAME.earnings-XXXXXX.tmp`, which replaces it only when
//!   everything was written (a file replaced keeps its mode);
//! - a symbolic link: the file it points to is replaced the same way (the
//!   temporary file sits beside that file), and the link stays;
//! - a FIFO, a device, or anything under `/dev` or `/proc`: it is opened
//!   and written, never replaced (`-o /dev/null` leaves `/dev/null` be);
//! - the file standard output already goes to (`-o /dev/stdout`): standard
//!   output;
//! - one of the `--data` files (by path, link or hard link): an error,
//!   before anything is read or written.
//!
//! A temporary file is removed when the run fails, and on SIGINT, SIGTERM
//! or SIGHUP (the run then exits 130, 143 or 129). After a SIGKILL, which no
//! program can catch, the next run writing the same output removes it: a
//! live run holds a lock on its temporary file, and only unlocked ones
//! untouched for a minute are removed. Messages name the output's path,
//! never the temporary file's.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use anyhow::Result;
use tempfile::NamedTempFile;

use super::{file_identity, stdin_metadata};

/// Standard output, a file written directly, or a temporary file that
/// replaces the output only on [`commit`](Output::commit).
pub struct Output {
    target: Target,
    /// The path as given, for messages.
    named: PathBuf,
}

enum Target {
    Stdout(BufWriter<io::Stdout>),
    Direct(BufWriter<File>),
    Replace {
        file: Registered,
        /// The file replaced: the path, or where its links lead.
        target: PathBuf,
    },
}

/// Where an output path leads.
#[derive(Debug, PartialEq, Eq)]
enum Place {
    Stdout,
    Direct,
    Replace(PathBuf),
}

impl Output {
    /// Standard output (`None`), or the file `path` (see the module's
    /// documentation); an error when it is one of `inputs`.
    pub fn open(path: Option<&Path>, inputs: &[PathBuf]) -> Result<Output> {
        let Some(path) = path else {
            return Ok(Output {
                target: Target::Stdout(BufWriter::new(io::stdout())),
                named: PathBuf::from("-"),
            });
        };
        let cannot = |e: io::Error| {
            earnings::Error::Usage(format!(
                "{}: cannot write here: {}",
                path.display(),
                plain(&e)
            ))
        };
        let target = match place(path).map_err(cannot)? {
            Place::Stdout => Target::Stdout(BufWriter::new(io::stdout())),
            Place::Direct => {
                let file = OpenOptions::new().write(true).open(path).map_err(cannot)?;
                Target::Direct(BufWriter::new(file))
            }
            Place::Replace(target) => {
                refuse_an_input(path, &target, inputs)?;
                let dir = match target.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let name = target.file_name().map(OsString::from).unwrap_or_default();
                remove_abandoned(&dir, &name);
                let file = temporary_file(&dir, &name, &target).map_err(cannot)?;
                Target::Replace { file, target }
            }
        };
        Ok(Output {
            target,
            named: path.to_path_buf(),
        })
    }

    /// Where to write.
    pub fn writer(&mut self) -> &mut dyn Write {
        match &mut self.target {
            Target::Stdout(w) => w,
            Target::Direct(w) => w,
            Target::Replace { file, .. } => file,
        }
    }

    /// Flushes, and moves a temporary file into place.
    pub fn commit(self) -> Result<()> {
        let named = self.named;
        let cannot = |e: io::Error| {
            earnings::Error::Usage(format!("{}: cannot write: {}", named.display(), plain(&e)))
        };
        match self.target {
            Target::Stdout(mut w) => w.flush()?,
            // The system's error kept in the chain: a FIFO whose reader went
            // away is a broken pipe, as standard output's would be.
            Target::Direct(mut w) => w.flush().map_err(|e| {
                anyhow::Error::new(e).context(format!("{}: cannot write", named.display()))
            })?,
            Target::Replace { mut file, target } => file.persist(&target).map_err(cannot)?,
        }
        Ok(())
    }
}

/// An I/O error without the path some libraries add to it (tempfile names
/// its temporary file), so that a message names only the output.
fn plain(e: &io::Error) -> String {
    if let Some(code) = e.raw_os_error() {
        return io::Error::from_raw_os_error(code).to_string();
    }
    let inner = e
        .get_ref()
        .and_then(|inner| inner.source())
        .and_then(|source| source.downcast_ref::<io::Error>());
    if let Some(inner) = inner {
        return plain(inner);
    }
    // tempfile adds ` at path "…"` to the system's message, and keeps the
    // code from view.
    let text = e.to_string();
    match text.split_once(" at path \"") {
        Some((message, _)) => message.to_string(),
        None => text,
    }
}

/// Where `path` leads: standard output, a file to write directly, or a
/// regular file (existing or not) to replace.
fn place(path: &Path) -> io::Result<Place> {
    let followed = fs::metadata(path);
    if let (Ok(metadata), Some(stdout)) = (&followed, stdout_metadata())
        && file_identity(metadata).is_some()
        && file_identity(metadata) == file_identity(&stdout)
    {
        return Ok(Place::Stdout);
    }
    // /dev/fd/3 or /proc/self/fd/1 name an open file: replacing what they
    // lead to would cut it from whoever holds it open.
    if path.starts_with("/dev") || path.starts_with("/proc") {
        return Ok(Place::Direct);
    }
    match followed {
        Ok(metadata) if metadata.is_dir() => Err(io::Error::other("it is a directory")),
        Ok(metadata) if !metadata.is_file() => Ok(Place::Direct),
        Ok(_) => Ok(Place::Replace(follow_links(path)?)),
        // Nothing there, or a link to nothing: the file it names is made.
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Place::Replace(follow_links(path)?)),
        Err(e) => Err(e),
    }
}

/// The path a chain of symbolic links leads to (the last one need not
/// exist); a path that is no link comes back as it is.
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    // As many as the system follows (Linux: 40).
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// What standard output is, when the system says.
fn stdout_metadata() -> Option<fs::Metadata> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = io::stdout().as_fd().try_clone_to_owned().ok()?;
        File::from(fd).metadata().ok()
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// An error when the file `target` (which `named` leads to) is one of the
/// inputs: the output would replace what it was made from.
fn refuse_an_input(named: &Path, target: &Path, inputs: &[PathBuf]) -> Result<()> {
    let Ok(output) = fs::metadata(target) else {
        return Ok(()); // not there yet: no input can be it
    };
    let canonical = fs::canonicalize(target).ok();
    let identity = file_identity(&output);
    for input in inputs {
        let (metadata, input_canonical) = if input.as_os_str() == "-" {
            (stdin_metadata(), None)
        } else {
            (fs::metadata(input).ok(), fs::canonicalize(input).ok())
        };
        let same_path = input_canonical.is_some() && input_canonical == canonical;
        let same_file = identity.is_some() && metadata.as_ref().and_then(file_identity) == identity;
        if same_path || same_file {
            return Err(earnings::Error::Usage(format!(
                "{}: cannot write here: it is an input (--data {}), which the output would replace; write to another file",
                named.display(),
                input.display()
            ))
            .into());
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- temporary files

/// The temporary files of this run that exist now, for the signal handler
/// to remove.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn registry() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How a temporary file for the output `name` is named: hidden, and
/// recognisable as ours and as whose.
fn temporary_prefix(name: &OsString) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(name);
    prefix.push(".earnings-");
    prefix
}

const TEMPORARY_SUFFIX: &str = ".tmp";

/// A temporary file known to the signal handler; removed when dropped
/// unless persisted.
struct Registered(Option<BufWriter<NamedTempFile>>);

impl Write for Registered {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.0 {
            Some(file) => file.write(buf),
            None => Err(io::Error::other("the output is already written")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.as_mut().map_or(Ok(()), Write::flush)
    }
}

impl Registered {
    /// Flushes and renames the file into place.
    fn persist(&mut self, target: &Path) -> io::Result<()> {
        let Some(writer) = self.0.take() else {
            return Ok(());
        };
        let file = match writer.into_inner() {
            Ok(file) => file,
            Err(e) => {
                let error = io::Error::new(e.error().kind(), plain(e.error()));
                // Dropping the file removes it; the handler must not race that.
                self.0 = Some(e.into_inner());
                return Err(error);
            }
        };
        // Under the registry's lock, so that a signal sees the file either
        // before the rename (and removes it) or not at all.
        let mut registered = registry();
        let temporary = file.path().to_path_buf();
        let persisted = file.persist(target);
        registered.retain(|p| *p != temporary);
        match persisted {
            Ok(_) => Ok(()),
            Err(e) => Err(e.error), // the temporary file is removed as `e` drops
        }
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Some(writer) = self.0.take() {
            let mut registered = registry();
            let temporary = writer.get_ref().path().to_path_buf();
            drop(writer); // removes the file
            registered.retain(|p| *p != temporary);
        }
    }
}

/// A temporary file in `dir` for the output `name`, with the mode `target`
/// will have: the mode of the file it replaces, or for a new file 0666 less
/// the umask (as for any program that creates a file).
fn temporary_file(dir: &Path, name: &OsString, target: &Path) -> io::Result<Registered> {
    watch_signals();
    let prefix = temporary_prefix(name);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMPORARY_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut registered = registry();
    let file = builder.tempfile_in(dir)?;
    registered.push(file.path().to_path_buf());
    drop(registered);
    let file = Registered(Some(BufWriter::new(file)));
    if let Some(writer) = &file.0 {
        let handle = writer.get_ref().as_file();
        // Where the file system has no locks, a later run cannot lock the
        // file either, and leaves it be: writing goes on without.
        let _ = lock(handle);
        if let Ok(existing) = fs::metadata(target)
            && existing.is_file()
        {
            handle.set_permissions(existing.permissions())?;
        }
    }
    Ok(file)
}

/// Takes the lock that says a run is writing this file (released by the
/// system when the run ends, however it ends).
fn lock(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        rustix::fs::flock(file, rustix::fs::FlockOperation::NonBlockingLockExclusive)?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// How long an unlocked temporary file must have been left alone before a
/// run removes it: a run creating one takes its lock a moment later.
const ABANDONED_AFTER: Duration = Duration::from_secs(60);

/// Removes the temporary files of `name` in `dir` that a run killed
/// beyond catching (SIGKILL) left: unlocked, and untouched for a minute.
/// Where files cannot be locked, none is removed (the names still show
/// what they are).
fn remove_abandoned(dir: &Path, name: &OsString) {
    if cfg!(not(unix)) {
        return;
    }
    let prefix = temporary_prefix(name);
    let (Some(prefix), Ok(entries)) = (prefix.to_str(), fs::read_dir(dir)) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let ours = file_name
            .to_str()
            .is_some_and(|n| n.starts_with(prefix) && n.ends_with(TEMPORARY_SUFFIX));
        if !ours {
            continue;
        }
        let path = entry.path();
        let Ok(file) = File::open(&path) else {
            continue;
        };
        let abandoned = file
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|modified| {
                now.duration_since(modified)
                    .is_ok_and(|age| age >= ABANDONED_AFTER)
            });
        if abandoned && file.metadata().is_ok_and(|m| m.is_file()) && lock(&file).is_ok() {
            let _ = fs::remove_file(&path);
        }
    }
}

/// On SIGINT, SIGTERM or SIGHUP: removes this run's temporary files and
/// exits 128 + the signal's number, as a shell reports a run it ended.
/// Installed with the first temporary file.
fn watch_signals() {
    static WATCHING: OnceLock<()> = OnceLock::new();
    WATCHING.get_or_init(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            let _ = std::thread::Builder::new()
                .name("signals".into())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        // The lock is kept until the process ends: no file
                        // is made or renamed after this.
                        let registered = registry();
                        for path in registered.iter() {
                            let _ = fs::remove_file(path);
                        }
                        std::process::exit(signal.saturating_add(128));
                    }
                });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_replaced_and_a_link_followed() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("out.csv");
        assert_eq!(place(&new).unwrap(), Place::Replace(new.clone()));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink("out.csv", &link).unwrap();
            // A link to nothing yet: the file it names is made.
            assert_eq!(place(&link).unwrap(), Place::Replace(new.clone()));
            assert_eq!(place(Path::new("/dev/null")).unwrap(), Place::Direct);
        }
        assert!(place(dir.path()).is_err());
    }
}
