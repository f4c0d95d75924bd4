//! The crate's layers, as its documentation states them, hold in its code:
//! the table of layers in `src/lib.rs` is read, every `crate::` path in the
//! library's sources is mapped to the top-level module it names, and no
//! module may name one of a higher layer. A module that the table does not
//! place fails too, so the documentation cannot fall behind the code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The layer of each top-level module, read from the table in the crate
/// docs: rows `//! | N | what | `a`, `b` |`.
fn layers() -> BTreeMap<String, u32> {
    let lib = std::fs::read_to_string(Path::new(ROOT).join("src/lib.rs")).unwrap();
    let mut layers = BTreeMap::new();
    for line in lib.lines() {
        let Some(row) = line.strip_prefix("//! |") else {
            continue;
        };
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let Some(Ok(layer)) = cells.first().map(|c| c.parse::<u32>()) else {
            continue;
        };
        let modules = cells.get(2).expect("a layer row names its modules");
        for module in modules.split(',') {
            let module = module.trim().trim_matches('`');
            assert!(
                layers.insert(module.to_string(), layer).is_none(),
                "{module} is placed twice"
            );
        }
    }
    assert!(layers.len() > 5, "src/lib.rs has the table of layers");
    layers
}

/// The library's source files (not the binary's, not unit-test files) with
/// the top-level module each belongs to.
fn sources() -> Vec<(String, PathBuf)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(ROOT).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(&src).unwrap();
            let first = relative.components().next()?.as_os_str().to_str()?;
            let module = first.strip_suffix(".rs").unwrap_or(first).to_string();
            let tests = path.file_name().is_some_and(|n| n == "tests.rs");
            let outside = ["main", "lib", "cli"].contains(&module.as_str());
            (!tests && !outside).then_some((module, path))
        })
        .collect()
}

/// The top-level modules a source names through `crate::`, outside
/// comments and unit-test modules.
fn imports(text: &str) -> BTreeSet<String> {
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut names = BTreeSet::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a, b::c}`: only the first segment of each.
                let group = group.split('}').next().unwrap_or("");
                for item in group.split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    names.insert(name);
                }
            } else {
                names.insert(
                    rest.chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect(),
                );
            }
        }
    }
    names.retain(|n| n.chars().next().is_some_and(char::is_lowercase));
    names
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let layers = layers();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut upward = Vec::new();
    for (module, path) in sources() {
        let Some(&mine) = layers.get(&module) else {
            panic!("src/lib.rs's table of layers does not place `{module}`");
        };
        let text = std::fs::read_to_string(&path).unwrap();
        for import in imports(&text) {
            if import == module {
                continue;
            }
            let Some(&theirs) = layers.get(&import) else {
                continue; // a re-export at the crate root, such as `crate::Error`
            };
            if theirs > mine {
                upward.push(format!(
                    "{} (layer {mine}) imports `{import}` (layer {theirs})",
                    path.strip_prefix(ROOT).unwrap().display()
                ));
            }
            edges.entry(module.clone()).or_default().insert(import);
        }
    }
    assert!(
        upward.is_empty(),
        "imports up the layers:\n{}",
        upward.join("\n")
    );
    // Sideways imports inside a layer are allowed, but not in a circle.
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&String> = edges[start].iter().collect();
        while let Some(next) = stack.pop() {
            assert!(
                next != start,
                "`{start}` imports itself through other modules"
            );
            if seen.insert(next) {
                stack.extend(edges.get(next).into_iter().flatten());
            }
        }
    }
}

#[test]
fn the_import_reader_sees_every_form() {
    let text = "use crate::a::B;\nuse crate::{c, d::E};\n// crate::comment\nfn f() { crate::f::g(); }\n#[cfg(test)]\nmod tests { use crate::h; }\n";
    let names: Vec<String> = imports(text).into_iter().collect();
    assert_eq!(names, ["a", "c", "d", "f"]);
}
