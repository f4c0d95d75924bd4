//! `earnings schema`: the JSON Schema of the dataset format.

use std::io::Write;

use anyhow::Result;

const EXAMPLES: &str = "\
Examples:
  earnings schema > earnings-dataset.schema.json
  earnings schema -o schema.json";

/// The JSON Schema of the dataset format, for editors that validate as you type
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {}

/// Writes the schema.
pub fn run(out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, &earnings::dataset::schema())?;
    writeln!(out)?;
    Ok(())
}
