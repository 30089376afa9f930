//! Codegen speed and size, soapstone against gSOAP's `wsdl2h` + `soapcpp2`, on the same corpus
//! inputs in one run (issue 7, "Codegen speed" and part of "Compile cost"). A documented timing
//! program, not a criterion bench: each step is a separate process, timed from outside, medians
//! of `--runs` runs (default 5).
//!
//! ```text
//! cargo build -p soapstone-codegen && cargo build --release -p soapstone-codegen
//! taskset -c 1 cargo run --release -p soapstone-benches --bin codegen_timing
//! ```
//!
//! Options: `--runs N`, `--corpus DIR` (default `../shared/corpus` next to the workspace),
//! `--set NAME` (repeatable: onvif, ews, salesforce, fedex), `--no-gsoap`. The soapstone
//! binaries are `target/release/soapstone` and `target/debug/soapstone` (the debug one is what
//! a `build.rs` user pays). Outputs go to `target/codegen-timing/`; gSOAP's generated code
//! (GPL) never enters the source tree. Lines counted are non-empty lines of the generated
//! files (`.rs`; for gSOAP the `.h` from `wsdl2h` and the `.cpp`/`.h` from `soapcpp2`), types
//! are `pub struct` / `pub enum` items in soapstone's output.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

struct Set {
    id: &'static str,
    dir: &'static str,
    /// Input files, relative to the set's directory; `*.wsdl` means every WSDL file there.
    inputs: &'static [&'static str],
    /// Extra soapstone arguments (catalogs), relative paths resolved against the set dir.
    catalog: Option<&'static str>,
}

const SETS: [Set; 4] = [
    Set {
        id: "onvif",
        dir: "onvif-2.4-zeep",
        inputs: &["*.wsdl"],
        catalog: Some("catalog.xml"),
    },
    Set {
        id: "ews",
        dir: "ews-2016",
        inputs: &["services.wsdl"],
        catalog: None,
    },
    Set {
        id: "salesforce",
        dir: "salesforce-partner",
        inputs: &["partner.wsdl"],
        catalog: None,
    },
    Set {
        id: "fedex",
        dir: "fedex-ws",
        inputs: &["*.wsdl"],
        catalog: None,
    },
];

fn fail(msg: String) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1);
}

fn inputs(set: &Set, root: &Path) -> Vec<PathBuf> {
    let dir = root.join(set.dir);
    let mut out = Vec::new();
    for pattern in set.inputs {
        if *pattern == "*.wsdl" {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| fail(format!("{}: {e}", dir.display())))
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "wsdl"))
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(dir.join(pattern));
        }
    }
    out
}

/// Runs `cmd` and returns its wall time in ms and whether it succeeded; a failure stops the
/// program unless `may_fail` (then the caller marks the cell).
fn timed(mut cmd: Command, what: &str, may_fail: bool) -> (f64, bool) {
    let start = Instant::now();
    let out = cmd
        .output()
        .unwrap_or_else(|e| fail(format!("{what}: cannot start: {e}")));
    let ms = start.elapsed().as_secs_f64() * 1e3;
    if !out.status.success() && !may_fail {
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: String = err
            .lines()
            .rev()
            .take(15)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n");
        fail(format!("{what} failed with {}:\n{tail}", out.status));
    }
    (ms, out.status.success())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// (files, non-empty lines, `pub struct`/`pub enum` items) of the files under `dir` whose
/// name ends with one of `exts`.
fn count(dir: &Path, exts: &[&str]) -> (usize, usize, usize) {
    let mut files = 0;
    let mut lines = 0;
    let mut types = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !exts.iter().any(|x| name.ends_with(x)) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            files += 1;
            for l in text.lines() {
                let t = l.trim_start();
                if t.is_empty() {
                    continue;
                }
                lines += 1;
                if t.starts_with("pub struct ") || t.starts_with("pub enum ") {
                    types += 1;
                }
            }
        }
    }
    (files, lines, types)
}

fn fresh_dir(p: &Path) {
    let _ = std::fs::remove_dir_all(p);
    std::fs::create_dir_all(p).unwrap_or_else(|e| fail(format!("{}: {e}", p.display())));
}

fn soapstone_cmd(exe: &Path, set: &Set, root: &Path, files: &[PathBuf], out: &Path) -> Command {
    let mut c = Command::new(exe);
    c.arg("generate");
    if let Some(cat) = set.catalog {
        c.arg("--catalog").arg(root.join(set.dir).join(cat));
    }
    c.args(files).arg("-o").arg(out);
    c
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 5usize;
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut root = workspace.join("../shared/corpus");
    let mut only: Vec<String> = Vec::new();
    let mut gsoap = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|&n| n > 0)
                    .unwrap_or_else(|| fail("--runs needs a positive number".into()));
            }
            "--corpus" => {
                root = PathBuf::from(
                    it.next()
                        .unwrap_or_else(|| fail("--corpus needs a dir".into())),
                );
            }
            "--set" => only.push(
                it.next()
                    .unwrap_or_else(|| fail("--set needs a name".into()))
                    .clone(),
            ),
            "--no-gsoap" => gsoap = false,
            // `cargo bench` passes `--bench` to every target; harmless here.
            "--bench" => {}
            other => fail(format!("unknown argument {other}")),
        }
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    let release = target.join("release/soapstone");
    let debug = target.join("debug/soapstone");
    for exe in [&release, &debug] {
        if !exe.exists() {
            fail(format!(
                "{} not found: build it with `cargo build [--release] -p soapstone-codegen`",
                exe.display()
            ));
        }
    }
    let work = target.join("codegen-timing");
    println!(
        "| set | inputs | soapstone release | soapstone debug | wsdl2h | soapcpp2 | gSOAP total | gSOAP ÷ soapstone release | soapstone files / lines / types | lines per type | gSOAP lines (.h + generated C++) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for set in SETS
        .iter()
        .filter(|s| only.is_empty() || only.iter().any(|o| o == s.id))
    {
        let files = inputs(set, &root);
        let bytes: u64 = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        let out_rel = work.join(set.id).join("soapstone-release");
        let out_dbg = work.join(set.id).join("soapstone-debug");
        let mut t_rel = Vec::new();
        let mut t_dbg = Vec::new();
        for _ in 0..runs {
            fresh_dir(&out_rel);
            t_rel.push(
                timed(
                    soapstone_cmd(&release, set, &root, &files, &out_rel),
                    "soapstone (release)",
                    false,
                )
                .0,
            );
            fresh_dir(&out_dbg);
            t_dbg.push(
                timed(
                    soapstone_cmd(&debug, set, &root, &files, &out_dbg),
                    "soapstone (debug)",
                    false,
                )
                .0,
            );
        }
        let (n_files, lines, types) = count(&out_rel, &[".rs"]);
        let (mut w_med, mut s_med, mut g_lines) = (None, None, None);
        let mut soapcpp2_note = "";
        if gsoap {
            let dir = work.join(set.id).join("gsoap");
            let mut tw = Vec::new();
            let mut ts = Vec::new();
            let mut gsoap_ok = true;
            for _ in 0..runs {
                fresh_dir(&dir);
                let header = dir.join("bindings.h");
                let mut w = Command::new("wsdl2h");
                // Default options, as a gSOAP user starts; inputs resolved from the set dir.
                w.current_dir(root.join(set.dir))
                    .arg("-o")
                    .arg(&header)
                    .args(&files);
                tw.push(timed(w, "wsdl2h", false).0);
                let mut s = Command::new("soapcpp2");
                s.current_dir(&dir)
                    .args(["-C", "-L", "-x", "-j", "-d"])
                    .arg(&dir)
                    .arg("-I/usr/share/gsoap/import")
                    .arg(&header);
                // soapcpp2 reports semantic errors (ONVIF: the two WS-Addressing versions both
                // declare SOAP_ENV__Fault) yet still writes its output: timed, and marked.
                let (t, ok) = timed(s, "soapcpp2", true);
                ts.push(t);
                gsoap_ok &= ok;
            }
            let (_, gl, _) = count(&dir, &[".h", ".cpp"]);
            w_med = Some(median(tw));
            s_med = Some(median(ts));
            if !gsoap_ok {
                soapcpp2_note = " (exited with errors)";
            }
            g_lines = Some(gl);
        }
        let rel = median(t_rel);
        let dbg = median(t_dbg);
        let ms = |v: Option<f64>| v.map_or("–".to_owned(), |v| format!("{v:.0} ms"));
        let total = w_med.zip(s_med).map(|(a, b)| a + b);
        println!(
            "| {} | {} files, {:.0} KB | {:.0} ms | {:.0} ms | {} | {}{} | {} | {} | {} / {} / {} | {:.1} | {} |",
            set.id,
            files.len(),
            bytes as f64 / 1000.0,
            rel,
            dbg,
            ms(w_med),
            ms(s_med),
            soapcpp2_note,
            ms(total),
            total.map_or("–".to_owned(), |t| format!("{:.1}×", t / rel)),
            n_files,
            lines,
            types,
            if types == 0 {
                0.0
            } else {
                lines as f64 / types as f64
            },
            g_lines.map_or("–".to_owned(), |l| l.to_string()),
        );
    }
    println!("\nmedians of {runs} runs; outputs in {}", work.display());
}
