//! The pager: output longer than the terminal is shown through `$PAGER`
//! (`less -FRX` when it is not set, as git does), so that it can be read
//! from the top. Only on a terminal: a pipe, a file and `--no-pager` get
//! the output as it is.

use std::io::{self, Write};
use std::process::{Command, Stdio};

use anyhow::{Context, Result};

/// Writes `text` through the pager when it has more lines than `rows`, else
/// to `out`. A pager that cannot be started leaves the text to `out`.
pub fn show(text: &[u8], rows: Option<usize>, out: &mut dyn Write) -> Result<()> {
    let lines = text.iter().filter(|&&b| b == b'\n').count();
    if rows.is_none_or(|rows| lines < rows) {
        out.write_all(text)?;
        return Ok(());
    }
    let pager = std::env::var("PAGER").ok().filter(|p| !p.trim().is_empty());
    let mut command = match &pager {
        Some(pager) => {
            let mut command = Command::new("sh");
            command.arg("-c").arg(pager);
            command
        }
        None => {
            let mut command = Command::new("less");
            command.arg("-FRX");
            command
        }
    };
    let Ok(mut child) = command.stdin(Stdio::piped()).spawn() else {
        out.write_all(text)?;
        return Ok(());
    };
    if let Some(mut stdin) = child.stdin.take() {
        // Quitting the pager before the end closes the pipe: not a failure.
        match stdin.write_all(text) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                return Err(e).context("writing to the pager");
            }
            _ => {}
        }
    }
    child.wait().context("waiting for the pager")?;
    Ok(())
}
