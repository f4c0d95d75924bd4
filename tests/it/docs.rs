//! The console examples of the docs, run: every ```` ```console ```` block
//! of `README.md` and `examples/README.md` is run with the built `earnings`
//! (from the crate's directory, piped, no colour) and its output compared
//! with what the block shows, so that an example that no longer matches
//! what the tool prints fails the tests. In a block, `$ earnings …` is the
//! command, `? N` its exit code when not 0, `...` a run of lines left out
//! and `[..]` the rest of a line (trycmd's format).
//!
//! After an intended change of output, `TRYCMD=overwrite cargo test --test
//! it docs::` rewrites the blocks (check the diff: it keeps `...` and `[..]`
//! where it can).

#[test]
fn console_examples_in_the_docs_match_the_tool() {
    trycmd::TestCases::new()
        .register_bin("earnings", trycmd::cargo::cargo_bin!("earnings"))
        // As the snapshot tests run it: the chart as wide as with no
        // terminal, no colour.
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .case("README.md")
        .case("examples/README.md");
}
