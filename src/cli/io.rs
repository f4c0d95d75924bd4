//! Reading the datasets and writing the output: the one place that touches
//! standard input, standard output and the files named on the command line.

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use earnings::dataset::{Dataset, Input};

/// Loads the named datasets, or the bundled one.
pub fn load(paths: &[PathBuf], verbose: bool) -> Result<Dataset> {
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
    let documents = read_inputs(paths)?;
    let inputs: Vec<Input<'_>> = documents
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    let data = Dataset::load(&inputs)?;
    if verbose {
        eprintln!(
            "loaded {} file(s) ({} facts, {} claims)",
            paths.len(),
            data.facts.len(),
            data.claims.len()
        );
    }
    Ok(data)
}

/// Reads each file, `-` being standard input (read once).
fn read_inputs(paths: &[PathBuf]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut stdin_read = false;
    paths
        .iter()
        .map(|path| {
            if path.as_os_str() == "-" {
                anyhow::ensure!(
                    !stdin_read,
                    earnings::Error::Usage("--data -: standard input can be read only once".into())
                );
                stdin_read = true;
                let mut bytes = Vec::new();
                io::stdin()
                    .read_to_end(&mut bytes)
                    .context("<stdin>: cannot read standard input")?;
                Ok(("<stdin>".to_string(), bytes))
            } else {
                let name = path.display().to_string();
                let bytes = std::fs::read(path)
                    .map_err(|e| earnings::Error::Usage(format!("{name}: cannot read: {e}")))?;
                Ok((name, bytes))
            }
        })
        .collect()
}

/// Reads an article's text (`check --text`, `extract`): UTF-8, `-` being
/// standard input.
pub fn read_text(path: &Path) -> Result<String> {
    let name = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .context("<stdin>: cannot read standard input")?;
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

/// Standard output, or a temporary file beside the target that replaces it
/// only when everything was written. A new file gets the usual mode (0666
/// less the umask); a file replaced keeps its own.
pub struct Output {
    target: Target,
}

enum Target {
    Stdout(BufWriter<io::Stdout>),
    File {
        file: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
}

impl Output {
    /// Standard output (`None`), or a file that appears only on [`commit`](Output::commit).
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let target = match path {
            None => Target::Stdout(BufWriter::new(io::stdout())),
            Some(path) => {
                let dir = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                let cannot = |e: io::Error| {
                    earnings::Error::Usage(format!("{}: cannot write here: {e}", path.display()))
                };
                let file = temporary_file(dir, path).map_err(cannot)?;
                Target::File {
                    file: BufWriter::new(file),
                    path: path.to_path_buf(),
                }
            }
        };
        Ok(Output { target })
    }

    /// Where to write.
    pub fn writer(&mut self) -> &mut dyn Write {
        match &mut self.target {
            Target::Stdout(w) => w,
            Target::File { file, .. } => file,
        }
    }

    /// Flushes, and moves a file into place.
    pub fn commit(self) -> Result<()> {
        match self.target {
            Target::Stdout(mut w) => w.flush()?,
            Target::File { file, path } => {
                let file = file.into_inner().map_err(|e| e.into_error())?;
                file.persist(&path).map_err(|e| {
                    earnings::Error::Usage(format!("{}: cannot write: {}", path.display(), e.error))
                })?;
            }
        }
        Ok(())
    }
}

/// A temporary file in `dir` with the mode `target` will have: the mode of
/// the file it replaces, or for a new file 0666 less the umask (the mode
/// asked for at creation, which the system cuts by the umask, as it does
/// for any program that creates a file).
fn temporary_file(dir: &Path, target: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".earnings-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let file = builder.tempfile_in(dir)?;
    if let Ok(existing) = std::fs::metadata(target)
        && existing.is_file()
    {
        file.as_file().set_permissions(existing.permissions())?;
    }
    Ok(file)
}
