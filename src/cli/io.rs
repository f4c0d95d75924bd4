//! Reading the datasets and writing the output: the one place that touches
//! standard input, standard output and the files named on the command line.
//!
//! Reading: a file named twice (by another path, a symbolic or a hard link)
//! is read once; what has no size of its own (a pipe, a device, standard
//! input from a terminal) is read up to a limit, [`MaxInput`], and no
//! further than the first byte no dataset can hold (`/dev/zero` ends at
//! once). Writing: [`output`].

mod output;

use std::collections::HashSet;
use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::Result;

use earnings::dataset::{Dataset, Document, Input};

pub use output::Output;

/// How much `--data` reads from a pipe, a device or standard input before
/// it gives up (`--max-input`): input that has no size of its own could
/// otherwise fill the memory. A regular file is read whole, whatever its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxInput(pub u64);

impl Default for MaxInput {
    /// 1 GiB: ten times the largest dataset a person would write by hand
    /// many times over, and well inside a machine's memory.
    fn default() -> Self {
        MaxInput(1 << 30)
    }
}

impl std::str::FromStr for MaxInput {
    type Err = String;

    /// `1048576`, `64K`, `512M`, `2G`, `1T` (powers of 1,024; `KiB`, `MB`
    /// and lower case are read too).
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("{text:?} is not a size (expected bytes, or e.g. 64K, 512M, 2G)");
        let lower = text.trim().to_ascii_lowercase();
        let unit = lower
            .strip_suffix("ib")
            .or_else(|| lower.strip_suffix('b'))
            .unwrap_or(&lower);
        let digits = unit.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let power: u32 = match unit.get(digits.len()..) {
            Some("") => 0,
            Some("k") => 1,
            Some("m") => 2,
            Some("g") => 3,
            Some("t") => 4,
            _ => return Err(bad()),
        };
        let n: u64 = digits.parse().map_err(|_| bad())?;
        let bytes = 1024u64
            .checked_pow(power)
            .and_then(|unit| n.checked_mul(unit))
            .ok_or_else(bad)?;
        if bytes == 0 {
            return Err(format!("{text:?}: the input limit must be above zero"));
        }
        Ok(MaxInput(bytes))
    }
}

impl fmt::Display for MaxInput {
    /// The largest unit that divides it: `1 GiB`, `64 KiB`, `1000 bytes`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = [
            (1u64 << 40, "TiB"),
            (1 << 30, "GiB"),
            (1 << 20, "MiB"),
            (1 << 10, "KiB"),
        ];
        for (size, name) in units {
            if self.0 >= size && self.0 % size == 0 {
                return write!(f, "{} {name}", self.0 / size);
            }
        }
        write!(f, "{} bytes", self.0)
    }
}

/// Loads the named datasets, or the bundled one.
pub fn load(paths: &[PathBuf], max_input: MaxInput, verbose: bool) -> Result<Dataset> {
    if paths.is_empty() {
        let data = Dataset::bundled()?;
        if verbose {
            eprintln!(
                "loaded the bundled dataset ({} facts, {} claims)",
                data.facts.len(),
                data.claims.len()
            );
        }
        return Ok(data);
    }
    let documents = read_inputs(paths, max_input)?;
    let inputs: Vec<Document<'_>> = documents
        .iter()
        .map(|(name, read)| match read {
            Opened::Bytes(bytes) => Document::Bytes(Input { name, bytes }),
            Opened::File(file) => Document::File { name, file },
        })
        .collect();
    let data = Dataset::load_documents(&inputs)?;
    if verbose {
        let twice = paths.len().saturating_sub(documents.len());
        let again = match twice {
            0 => String::new(),
            n => format!(", {n} named again and read once"),
        };
        eprintln!(
            "loaded {} file(s) ({} facts, {} claims{again})",
            documents.len(),
            data.facts.len(),
            data.claims.len()
        );
    }
    Ok(data)
}

/// A document as read: bytes, or a regular file left open, to be parsed as
/// it is read (its text is never held whole beside its facts).
enum Opened {
    Bytes(Vec<u8>),
    File(File),
}

/// Reads each file once, `-` being standard input (read once too); a file
/// named again by another path is skipped. Regular files are opened, not
/// read.
fn read_inputs(paths: &[PathBuf], max_input: MaxInput) -> Result<Vec<(String, Opened)>> {
    let mut stdin_read = false;
    let mut seen = Seen::default();
    let mut documents = Vec::with_capacity(paths.len());
    for path in paths {
        if path.as_os_str() == "-" {
            anyhow::ensure!(
                !stdin_read,
                earnings::Error::Usage("--data -: standard input can be read only once".into())
            );
            stdin_read = true;
            let name = "<stdin>".to_string();
            let stdin = io::stdin().lock();
            let regular = stdin_metadata().filter(Metadata::is_file);
            if regular.as_ref().is_some_and(|m| !seen.first(None, m)) {
                continue;
            }
            let bytes = read(stdin, regular.as_ref(), &name, max_input)?;
            documents.push((name, Opened::Bytes(bytes)));
        } else {
            let name = path.display().to_string();
            let cannot = |e: io::Error| earnings::Error::Usage(format!("{name}: cannot read: {e}"));
            let file = File::open(path).map_err(cannot)?;
            let metadata = file.metadata().map_err(cannot)?;
            if metadata.is_dir() {
                return Err(earnings::Error::Usage(format!(
                    "{name}: cannot read: it is a directory (expected a dataset file)"
                ))
                .into());
            }
            let regular = metadata.is_file().then_some(&metadata);
            if regular.is_some_and(|m| !seen.first(Some(path), m)) {
                continue;
            }
            if regular.is_some() {
                documents.push((name, Opened::File(file)));
                continue;
            }
            let bytes = read(file, None, &name, max_input)?;
            documents.push((name, Opened::Bytes(bytes)));
        }
    }
    Ok(documents)
}

/// Reads an article's text (`check --text`, `extract`): UTF-8, `-` being
/// standard input.
pub fn read_text(path: &Path) -> Result<String> {
    let name = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| earnings::Error::Usage(format!("<stdin>: cannot read: {e}")))?;
        bytes
    } else {
        std::fs::read(path)
            .map_err(|e| earnings::Error::Usage(format!("{name}: cannot read: {e}")))?
    };
    String::from_utf8(bytes).map_err(|e| {
        earnings::Error::Usage(format!(
            "{name}: not UTF-8 text (an invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
        .into()
    })
}

/// The regular files read so far, by canonical path and by device and
/// inode (a hard link has a path of its own).
#[derive(Default)]
struct Seen {
    paths: HashSet<PathBuf>,
    files: HashSet<(u64, u64)>,
}

impl Seen {
    /// Whether this file is read for the first time (and notes it).
    fn first(&mut self, path: Option<&Path>, metadata: &Metadata) -> bool {
        let canonical = path.and_then(|p| std::fs::canonicalize(p).ok());
        let again_by_path = canonical.as_ref().is_some_and(|c| self.paths.contains(c));
        let identity = file_identity(metadata);
        let again_by_inode = identity.is_some_and(|i| self.files.contains(&i));
        self.paths.extend(canonical);
        self.files.extend(identity);
        !(again_by_path || again_by_inode)
    }
}

/// The device and inode of a file: the same file whatever path names it.
pub fn file_identity(metadata: &Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        None
    }
}

/// What standard input is, when the system says (a file, a pipe, a terminal).
pub fn stdin_metadata() -> Option<Metadata> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
        File::from(fd).metadata().ok()
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Reads a regular file whole, or anything else up to the limit.
fn read(
    mut reader: impl Read,
    regular: Option<&Metadata>,
    name: &str,
    max_input: MaxInput,
) -> Result<Vec<u8>> {
    let cannot = |e: io::Error| earnings::Error::Usage(format!("{name}: cannot read: {e}"));
    if let Some(metadata) = regular {
        let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
        reader.read_to_end(&mut bytes).map_err(cannot)?;
        return Ok(bytes);
    }
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let read = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => chunk.get(..n).unwrap_or_default(),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(cannot(e).into()),
        };
        // A byte no JSON text holds: the loader will stop at it (or before),
        // so nothing after it is worth reading.
        let end = read.iter().position(|&b| never_in_a_dataset(b));
        let read = end.map_or(read, |at| read.get(..=at).unwrap_or(read));
        let total = u64::try_from(bytes.len().saturating_add(read.len())).unwrap_or(u64::MAX);
        if total > max_input.0 {
            return Err(earnings::Error::Usage(format!(
                "{name}: more than {max_input} read, the limit for a pipe, a device or standard input (--max-input raises it; a regular file has none)"
            ))
            .into());
        }
        bytes.extend_from_slice(read);
        if end.is_some() {
            break;
        }
    }
    Ok(bytes)
}

/// A byte that can appear nowhere in a UTF-8 JSON document: a control
/// character other than tab, line feed and carriage return (JSON escapes
/// them inside strings), or a byte no UTF-8 text has.
fn never_in_a_dataset(byte: u8) -> bool {
    matches!(byte, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0xC0 | 0xC1 | 0xF5..=0xFF)
}

#[cfg(test)]
mod tests {
    use super::MaxInput;

    #[test]
    fn sizes_read_and_written() {
        for (text, bytes, shown) in [
            ("1G", 1u64 << 30, "1 GiB"),
            ("512M", 512 << 20, "512 MiB"),
            ("64KiB", 64 << 10, "64 KiB"),
            ("2gb", 2 << 30, "2 GiB"),
            ("1000", 1000, "1000 bytes"),
        ] {
            let max: MaxInput = text.parse().unwrap();
            assert_eq!(max, MaxInput(bytes), "{text}");
            assert_eq!(max.to_string(), shown);
        }
        for bad in ["", "G", "1X", "-1", "0", "99999999999T"] {
            assert!(bad.parse::<MaxInput>().is_err(), "{bad:?}");
        }
    }
}
