//! Which options do something for which command: the one table of it. An
//! option given to a command it does nothing for is a usage error naming
//! both, never silently ignored (`schema --format csv`, `--fx` without
//! `--currency`, `--precision` with CSV). Which commands write a workbook
//! (`-o FILE.xlsx`) is here too: [`WORKBOOK`].

use anyhow::Result;

use super::{Command, Format, Global, format_name, named_format, output_format};

/// One option as given: whether it was, and whether it does anything for
/// the command run (and if not, why).
struct Use {
    option: &'static str,
    given: bool,
    applies: Result<(), &'static str>,
}

/// What a command does with the options: reads a dataset, keeps a
/// selection of it, writes what format.
struct Traits {
    /// The command's name, as typed.
    name: &'static str,
    /// Why it takes no dataset option, for a command that reads none.
    no_data: Option<&'static str>,
    /// `eval`: its expressions name the figures, so it filters nothing.
    names_its_figures: bool,
    /// The format it writes.
    format: Format,
    /// `arr --svg`, `chart`: a chart for people, whatever the format.
    draws_svg: bool,
    /// `extract`: it reads an article, not a dataset.
    reads_text: bool,
}

/// The commands that write a workbook (`-o FILE.xlsx`, see `cli/workbook.rs`).
const WORKBOOK: &str = "facts, metrics, yoy, share, run-rate, verify and report";

fn writes_workbook(command: &Command) -> bool {
    matches!(
        command,
        Command::Facts(_)
            | Command::Metrics(_)
            | Command::Yoy(_)
            | Command::Share(_)
            | Command::RunRate(_)
            | Command::Verify(_)
            | Command::Report(_)
    )
}

/// Checks every option given against the command.
pub fn check(command: &Command, global: &Global) -> Result<()> {
    let traits = traits(command, global)?;
    // A tool command writes one kind of file: an output named for another
    // would get text it does not hold (`import -o x.csv` writing JSON).
    if let Some(why) = traits.no_data
        && global.format.is_none()
        && let Some(named) = named_format(global)
        && named != Format::Xlsx
        && !(named == Format::Json && matches!(command, Command::Import(_) | Command::Schema(_)))
    {
        let path = global.output.as_deref().map(|p| p.display().to_string());
        return Err(earnings::Error::Usage(format!(
            "-o {}: the name asks for {} output, which `earnings {}` does not write: {why}",
            path.unwrap_or_default(),
            format_name(named),
            traits.name
        ))
        .into());
    }
    if output_format(global).ok() == Some(Format::Xlsx) && !writes_workbook(command) {
        let path = global.output.as_deref().map(|p| p.display().to_string());
        return Err(earnings::Error::Usage(format!(
            "-o {}: `earnings {}` writes no workbook ({WORKBOOK} do)",
            path.unwrap_or_default(),
            traits.name
        ))
        .into());
    }
    let no_pager = matches!(command, Command::Report(args) if args.no_pager);
    for option in uses(&traits, global, no_pager) {
        if let (true, Err(why)) = (option.given, option.applies) {
            let format = match (traits.no_data, traits.format) {
                (None, Format::Csv) => " writing CSV",
                (None, Format::Json) => " writing JSON",
                (None, Format::Markdown) => " writing Markdown",
                (None, Format::Xlsx) => " writing a workbook",
                _ => "",
            };
            return Err(earnings::Error::Usage(format!(
                "{} does nothing for `earnings {}`{format}: {why}",
                option.option, traits.name
            ))
            .into());
        }
    }
    Ok(())
}

fn traits(command: &Command, global: &Global) -> Result<Traits> {
    let tool = |name, why| Traits {
        name,
        no_data: Some(why),
        names_its_figures: false,
        format: Format::Table,
        draws_svg: false,
        reads_text: false,
    };
    let data = |name| -> Result<Traits> {
        Ok(Traits {
            name,
            no_data: None,
            names_its_figures: matches!(command, Command::Eval(_)),
            format: output_format(global)?,
            draws_svg: matches!(command, Command::Arr(args) if args.svg.is_some())
                || matches!(command, Command::Chart(_)),
            reads_text: false,
        })
    };
    match command {
        Command::Schema(_) => Ok(tool(
            "schema",
            "it writes the JSON Schema of the dataset format",
        )),
        Command::Import(_) => Ok(tool(
            "import",
            "it reads company facts and writes a dataset (JSON)",
        )),
        Command::Completions(_) => Ok(tool("completions", "it writes a shell script")),
        Command::Man(_) => Ok(tool("man", "it writes the manual page")),
        Command::Report(_) => data("report"),
        Command::Facts(_) => data("facts"),
        Command::Metrics(_) => data("metrics"),
        Command::Yoy(_) => data("yoy"),
        Command::Share(_) => data("share"),
        Command::RunRate(_) => data("run-rate"),
        Command::Statement(_) => data("statement"),
        Command::Arr(_) => data("arr"),
        Command::Chart(_) => data("chart"),
        Command::Verify(_) => data("verify"),
        Command::Check(_) => data("check"),
        Command::Eval(_) => data("eval"),
        Command::Extract(args) => Ok(Traits {
            name: "extract",
            no_data: None,
            names_its_figures: false,
            format: if args.draft {
                Format::Json
            } else {
                output_format(global)?
            },
            draws_svg: false,
            reads_text: true,
        }),
    }
}

/// Every option but `-o` (which every command takes), with what it needs.
fn uses(command: &Traits, global: &Global, no_pager: bool) -> [Use; 17] {
    let output = command.no_data.map_or(Ok(()), Err);
    let data = output.and(if command.reads_text {
        Err("it reads the article named, not a dataset")
    } else {
        Ok(())
    });
    let selects = data.and(if command.names_its_figures {
        Err("an expression names its own figures")
    } else {
        Ok(())
    });
    let people = matches!(command.format, Format::Table | Format::Markdown);
    let tables = output.and(if people {
        Ok(())
    } else {
        Err("it sets the decimals of tables and Markdown (CSV and JSON take --digits)")
    });
    let precision = if command.draws_svg { Ok(()) } else { tables };
    let machines = output.and(match command.format {
        Format::Table | Format::Markdown => {
            Err("it sets the digits of CSV and JSON (tables and Markdown take --precision)")
        }
        Format::Xlsx => Err(
            "a workbook holds numbers: 15 significant digits in a cell, every digit in a formula's result",
        ),
        Format::Csv | Format::Json => Ok(()),
    });
    // A chart is drawn, not tabled: no colour, no columns to choose.
    let drawn: Result<(), &'static str> = if command.name == "chart" {
        Err("a chart has no columns or colour")
    } else {
        Ok(())
    };
    let colour = drawn.and(output).and(if command.format == Format::Table {
        Ok(())
    } else {
        Err("only tables have colour")
    });
    let columns = drawn.and(output).and(if people {
        Ok(())
    } else {
        Err("it chooses the columns of tables and Markdown; CSV and JSON carry every column")
    });
    let table = output.and(if command.format == Format::Table {
        Ok(())
    } else {
        Err("it sets how tables are laid out or shown on a terminal")
    });
    // `schema` writes JSON: `--format json` says so, any other is wrong.
    let format = match (command.name, global.format) {
        ("schema" | "import", Some(Format::Json)) => Ok(()),
        ("schema" | "import", _) => Err("it writes JSON only"),
        ("chart", Some(Format::Table)) => Ok(()),
        ("chart", _) => Err("a chart is drawn for people: text, or SVG with -o FILE.svg"),
        _ => output,
    };
    let given = |values: usize| values > 0;
    [
        use_of("--data", given(global.data.len()), data),
        use_of("--format", global.format.is_some(), format),
        use_of("--entity", given(global.entities.len()), selects),
        use_of("--metric", given(global.metrics.len()), selects),
        use_of("--period", given(global.periods.len()), selects),
        use_of("--scale", global.scale.is_some(), data),
        use_of("--currency", global.currency.is_some(), data),
        use_of(
            "--fx",
            given(global.fx.len()),
            data.and(global.currency.as_ref().map_or(
                Err("a rate converts money only into the --currency asked for"),
                |_| Ok(()),
            )),
        ),
        use_of("--precision", global.precision.is_some(), precision),
        use_of("--digits", global.digits.is_some(), machines),
        use_of("--color", global.color.is_some(), colour),
        use_of(
            "--max-input",
            global.max_input.is_some(),
            data.and(if global.data.is_empty() {
                Err("it limits what --data reads (the bundled dataset is part of the program)")
            } else {
                Ok(())
            }),
        ),
        use_of("--verbose", global.verbose, data),
        use_of("--wide", global.wide, columns),
        use_of("--columns", given(global.columns.len()), columns),
        use_of("--width", global.width.is_some(), table),
        use_of("--no-pager", no_pager, table),
    ]
}

fn use_of(option: &'static str, given: bool, applies: Result<(), &'static str>) -> Use {
    Use {
        option,
        given,
        applies,
    }
}
