//! Which options do something for which command: the one table of it. An
//! option given to a command it does nothing for is a usage error naming
//! both, never silently ignored (`schema --format csv`, `--fx` without
//! `--currency`, `--precision` with CSV).

use anyhow::Result;

use super::{Command, Format, Global, output_format};

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
    /// `arr --svg`: a chart for people, whatever the format.
    draws_svg: bool,
}

/// Checks every option given against the command.
pub fn check(command: &Command, global: &Global) -> Result<()> {
    let traits = traits(command, global)?;
    let no_pager = matches!(command, Command::Report(args) if args.no_pager);
    for option in uses(&traits, global, no_pager) {
        if let (true, Err(why)) = (option.given, option.applies) {
            let format = match (traits.no_data, traits.format) {
                (None, Format::Csv) => " writing CSV",
                (None, Format::Json) => " writing JSON",
                (None, Format::Markdown) => " writing Markdown",
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
    };
    let data = |name| -> Result<Traits> {
        Ok(Traits {
            name,
            no_data: None,
            names_its_figures: matches!(command, Command::Eval(_)),
            format: output_format(global)?,
            draws_svg: matches!(command, Command::Arr(args) if args.svg.is_some()),
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
        Command::Verify(_) => data("verify"),
        Command::Check(_) => data("check"),
        Command::Eval(_) => data("eval"),
    }
}

/// Every option but `-o` (which every command takes), with what it needs.
fn uses(command: &Traits, global: &Global, no_pager: bool) -> [Use; 16] {
    let data = command.no_data.map_or(Ok(()), Err);
    let selects = data.and(if command.names_its_figures {
        Err("an expression names its own figures")
    } else {
        Ok(())
    });
    let people = matches!(command.format, Format::Table | Format::Markdown);
    let tables = data.and(if people {
        Ok(())
    } else {
        Err("it sets the decimals of tables and Markdown (CSV and JSON take --digits)")
    });
    let precision = if command.draws_svg { Ok(()) } else { tables };
    let machines = data.and(if people {
        Err("it sets the digits of CSV and JSON (tables and Markdown take --precision)")
    } else {
        Ok(())
    });
    let colour = data.and(if command.format == Format::Table {
        Ok(())
    } else {
        Err("only tables have colour")
    });
    let columns = data.and(if people {
        Ok(())
    } else {
        Err("it chooses the columns of tables and Markdown; CSV and JSON carry every column")
    });
    let table = data.and(if command.format == Format::Table {
        Ok(())
    } else {
        Err("it sets how tables are laid out or shown on a terminal")
    });
    // `schema` writes JSON: `--format json` says so, any other is wrong.
    let format = match (command.name, global.format) {
        ("schema" | "import", Some(Format::Json)) => Ok(()),
        ("schema" | "import", _) => Err("it writes JSON only"),
        _ => data,
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
