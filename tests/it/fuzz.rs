//! The fuzz targets in `tests/fuzz` (run with cargo-fuzz on nightly) are a
//! crate of their own, outside the main build: this keeps them compiling
//! against the library as it changes, and their lock file in step with it.

#[test]
fn the_fuzz_targets_compile_against_the_library() {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz/Cargo.toml");
    let ran = std::process::Command::new(env!("CARGO"))
        .args([
            "check",
            "--quiet",
            "--bins",
            "--locked",
            "--manifest-path",
            manifest,
        ])
        // Its own target directory (tests/fuzz/target), not the one this
        // test binary was built in, whose lock the running build may hold.
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .expect("cargo runs");
    assert!(
        ran.status.success(),
        "cargo check of tests/fuzz failed (after a change of dependencies, `cargo metadata` in tests/fuzz updates its lock file):\n{}",
        String::from_utf8_lossy(&ran.stderr)
    );
}
