//! Codegen speed, generated size and build cost, soapstone against gSOAP's `wsdl2h` +
//! `soapcpp2` (on the WSDLs) and against the `xsd-parser` crate (on the XSD parts), on the same
//! corpus inputs in one run (issue 7, "Codegen speed" and "Compile cost"). A documented timing
//! program, not a criterion bench: each step is a separate process, timed from outside, medians
//! of `--runs` runs (default 5).
//!
//! ```text
//! cargo build --release -p soapstone-benches --bin codegen_timing
//! taskset -c 1 target/release/codegen_timing --runs 3
//! ```
//!
//! It first builds (debug and release) the generators it times, `soapstone` and
//! `xsd_parser_gen`, so it never times a stale binary.
//!
//! Options: `--runs N`, `--corpus DIR` (default `../shared/corpus` next to the workspace),
//! `--set NAME` (repeatable: onvif, ews, salesforce, fedex), `--no-gsoap`, `--no-xsd-parser`,
//! `--build-set NAME` (repeatable; the sets whose generated code is built, default onvif and
//! ews), `--no-build`, `--build-runs N` (default 1), `--keep-build`. The soapstone binaries are
//! `target/release/soapstone` and `target/debug/soapstone` (the debug one is what a `build.rs`
//! user pays); xsd-parser runs as `target/release/xsd_parser_gen` (and
//! `target/debug/xsd_parser_gen` when it exists). Outputs go to `target/codegen-timing/`;
//! gSOAP's generated code (GPL) and xsd-parser's never enter the source tree.
//!
//! Three tables:
//! 1. WSDL inputs: soapstone against gSOAP.
//! 2. XSD inputs (see `xsd.rs`; soapstone and xsd-parser get exactly the same files):
//!    soapstone against xsd-parser with its default configuration (`types`: type definitions
//!    only), with serde derives for quick-xml (`serde`) and with its generated quick-xml
//!    readers and writers (`quick-xml`); see `xsd_parser_gen.rs`.
//! 3. Build time of the generated code of table 2 (and of table 1's soapstone code), each as
//!    the library of a scratch crate whose dependencies are built first (`scratch.rs`).
//!
//! Lines counted are non-empty lines of the generated files after formatting (soapstone
//! formats its output with prettyplease; xsd-parser's token stream is formatted with the same
//! prettyplease, after its timing); for gSOAP the `.h` from `wsdl2h` and the `.cpp`/`.h` from
//! `soapcpp2`. Types are `pub struct` / `pub enum` items.

mod scratch;
mod xsd;

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

/// Runs `cmd` and returns its wall time in ms, whether it succeeded and its stderr; a failure
/// stops the program unless `may_fail` (then the caller marks the cell).
fn timed(mut cmd: Command, what: &str, may_fail: bool) -> (f64, bool, String) {
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
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (ms, out.status.success(), stderr)
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

/// (files, non-empty lines, `pub struct`/`pub enum` items) of the files under `path` (or of
/// the file `path`) whose name ends with one of `exts`.
fn count(path: &Path, exts: &[&str]) -> (usize, usize, usize) {
    let mut files = 0;
    let mut lines = 0;
    let mut types = 0;
    let mut stack = vec![path.to_path_buf()];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(&p) {
                stack.extend(rd.flatten().map(|e| e.path()));
            }
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

struct Options {
    runs: usize,
    root: PathBuf,
    only: Vec<String>,
    gsoap: bool,
    xsd_parser: bool,
    build_sets: Vec<String>,
    build: bool,
    build_runs: usize,
    keep_build: bool,
}

fn positive(v: Option<&String>, what: &str) -> usize {
    v.and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| fail(format!("{what} needs a positive number")))
}

fn options(workspace: &Path) -> Options {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut o = Options {
        runs: 5,
        root: workspace.join("../shared/corpus"),
        only: Vec::new(),
        gsoap: true,
        xsd_parser: true,
        build_sets: Vec::new(),
        build: true,
        build_runs: 1,
        keep_build: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => o.runs = positive(it.next(), "--runs"),
            "--build-runs" => o.build_runs = positive(it.next(), "--build-runs"),
            "--corpus" => {
                o.root = PathBuf::from(
                    it.next()
                        .unwrap_or_else(|| fail("--corpus needs a dir".into())),
                );
            }
            "--set" => o.only.push(
                it.next()
                    .unwrap_or_else(|| fail("--set needs a name".into()))
                    .clone(),
            ),
            "--build-set" => o.build_sets.push(
                it.next()
                    .unwrap_or_else(|| fail("--build-set needs a name".into()))
                    .clone(),
            ),
            "--no-gsoap" => o.gsoap = false,
            "--no-xsd-parser" => o.xsd_parser = false,
            "--no-build" => o.build = false,
            "--keep-build" => o.keep_build = true,
            // `cargo bench` passes `--bench` to every target; harmless here.
            "--bench" => {}
            other => fail(format!("unknown argument {other}")),
        }
    }
    if o.build_sets.is_empty() {
        o.build_sets = vec!["onvif".into(), "ews".into()];
    }
    o
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn ms(v: Option<f64>) -> String {
    v.map_or("–".to_owned(), |v| format!("{v:.0} ms"))
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.1}×", a / b),
        _ => "–".to_owned(),
    }
}

/// Runs `make()` `runs` times into the fresh directory `out`; median wall time in ms, or the
/// first lines of the last failure's stderr.
fn median_of(
    runs: usize,
    out: &Path,
    what: &str,
    make: impl Fn() -> Command,
) -> Result<f64, String> {
    let mut t = Vec::new();
    for _ in 0..runs {
        fresh_dir(out);
        let (ms, ok, err) = timed(make(), what, true);
        if !ok {
            let first: Vec<&str> = err
                .lines()
                .filter(|l| !l.trim().is_empty())
                .take(3)
                .collect();
            return Err(first.join(" / "));
        }
        t.push(ms);
    }
    Ok(median(t))
}

/// The xsd-parser output `raw` formatted with prettyplease into `fmt`; false (and `raw`
/// copied) when it does not parse as Rust.
fn format_rust(raw: &Path, fmt: &Path) -> bool {
    let text =
        std::fs::read_to_string(raw).unwrap_or_else(|e| fail(format!("{}: {e}", raw.display())));
    match syn::parse_file(&text) {
        Ok(file) => {
            std::fs::write(fmt, prettyplease::unparse(&file))
                .unwrap_or_else(|e| fail(format!("{}: {e}", fmt.display())));
            true
        }
        Err(_) => {
            std::fs::write(fmt, text).unwrap_or_else(|e| fail(format!("{}: {e}", fmt.display())));
            false
        }
    }
}

/// Every `.rs` file under `dir`, as (path relative to `dir`, contents).
fn rust_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p)
                    .unwrap_or_else(|e| fail(format!("{}: {e}", p.display())));
                let rel = p.strip_prefix(dir).unwrap_or(&p).to_path_buf();
                out.push((rel, text));
            }
        }
    }
    out.sort();
    out
}

/// Lines of table 1 (WSDL inputs, soapstone against gSOAP) for one set; the soapstone output
/// of the release run stays in `work/<set>/soapstone-release`.
fn wsdl_row(o: &Options, set: &Set, release: &Path, debug: &Path, work: &Path) -> String {
    let root = &o.root;
    let files = inputs(set, root);
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let out_rel = work.join(set.id).join("soapstone-release");
    let out_dbg = work.join(set.id).join("soapstone-debug");
    let soapstone = |exe: &Path, out: &Path| {
        let exe = exe.to_path_buf();
        let out = out.to_path_buf();
        let files = files.clone();
        move || soapstone_cmd(&exe, set, root, &files, &out)
    };
    let rel = median_of(
        o.runs,
        &out_rel,
        "soapstone (release)",
        soapstone(release, &out_rel),
    )
    .unwrap_or_else(|e| fail(format!("soapstone (release) on {}: {e}", set.id)));
    let dbg = median_of(
        o.runs,
        &out_dbg,
        "soapstone (debug)",
        soapstone(debug, &out_dbg),
    )
    .unwrap_or_else(|e| fail(format!("soapstone (debug) on {}: {e}", set.id)));
    let (n_files, lines, types) = count(&out_rel, &[".rs"]);
    let (mut w_med, mut s_med, mut g_lines) = (None, None, None);
    let mut soapcpp2_note = "";
    if o.gsoap {
        let dir = work.join(set.id).join("gsoap");
        let mut tw = Vec::new();
        let mut ts = Vec::new();
        let mut gsoap_ok = true;
        for _ in 0..o.runs {
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
            let (t, ok, _) = timed(s, "soapcpp2", true);
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
    let total = w_med.zip(s_med).map(|(a, b)| a + b);
    format!(
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
        ratio(total, Some(rel)),
        n_files,
        lines,
        types,
        if types == 0 {
            0.0
        } else {
            lines as f64 / types as f64
        },
        g_lines.map_or("–".to_owned(), |l| l.to_string()),
    )
}

/// What table 2 produced for one set, for table 3.
struct XsdOutcome {
    /// soapstone's release output directory.
    soapstone: PathBuf,
    /// xsd-parser's formatted outputs by mode (`types`, `quick-xml`), when it succeeded.
    xsd_parser: Vec<(&'static str, PathBuf)>,
}

const XSD_PARSER_MODES: [&str; 3] = ["types", "serde", "quick-xml"];

/// The rows of table 2 (XSD inputs: soapstone against xsd-parser) for one set, and the
/// failures met.
fn xsd_rows(
    o: &Options,
    set: &Set,
    exes: &Exes,
    work: &Path,
    notes: &mut Vec<String>,
) -> (Vec<String>, XsdOutcome) {
    let root = &o.root;
    let dir = work.join(set.id);
    let xsd_dir = dir.join("xsd-inputs");
    let files = xsd::prepare(
        &root.join(set.dir),
        set.catalog.map(|c| root.join(set.dir).join(c)).as_deref(),
        &xsd_dir,
    )
    .unwrap_or_else(|e| fail(format!("{}: preparing the XSD inputs: {e}", set.id)));
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let inputs = format!("{} files, {:.0} KB", files.len(), bytes as f64 / 1000.0);
    let out_rel = dir.join("soapstone-xsd-release");
    let out_dbg = dir.join("soapstone-xsd-debug");
    let soapstone = |exe: &Path, out: &Path| {
        let exe = exe.to_path_buf();
        let out = out.to_path_buf();
        let files = files.clone();
        move || {
            let mut c = Command::new(&exe);
            c.arg("generate").args(&files).arg("-o").arg(&out);
            c
        }
    };
    let rel = median_of(
        o.runs,
        &out_rel,
        "soapstone (release)",
        soapstone(&exes.release, &out_rel),
    )
    .unwrap_or_else(|e| {
        fail(format!(
            "soapstone (release) on the XSDs of {}: {e}",
            set.id
        ))
    });
    let dbg = median_of(
        o.runs,
        &out_dbg,
        "soapstone (debug)",
        soapstone(&exes.debug, &out_dbg),
    )
    .unwrap_or_else(|e| fail(format!("soapstone (debug) on the XSDs of {}: {e}", set.id)));
    let (_, lines, types) = count(&out_rel, &[".rs"]);
    let mut rows = vec![format!(
        "| {} | {inputs} | soapstone | {rel:.0} ms | {dbg:.0} ms | 1.0× | {lines} | {types} | 1.000 |",
        set.id
    )];
    let mut outcome = XsdOutcome {
        soapstone: out_rel,
        xsd_parser: Vec::new(),
    };
    let Some(gen_rel) = exes.xsd_parser_release.as_ref().filter(|_| o.xsd_parser) else {
        return (rows, outcome);
    };
    let run = |exe: &Path, mode: &'static str, raw: &Path| {
        let exe = exe.to_path_buf();
        let raw = raw.to_path_buf();
        let files = files.clone();
        move || {
            let mut c = Command::new(&exe);
            c.arg(mode).arg(&raw).args(&files);
            c
        }
    };
    for mode in XSD_PARSER_MODES {
        let out = dir.join(format!("xsd-parser-{mode}"));
        let raw = out.join("raw.rs");
        let t_rel = median_of(
            o.runs,
            &out,
            "xsd-parser (release)",
            run(gen_rel, mode, &raw),
        );
        let t_rel = match t_rel {
            Ok(t) => t,
            Err(e) => {
                notes.push(format!("{} xsd-parser {mode} failed: {e}", set.id));
                rows.push(format!(
                    "| {} | {inputs} | xsd-parser {mode} | failed | – | – | – | – | – |",
                    set.id
                ));
                continue;
            }
        };
        let fmt = dir.join(format!("xsd-parser-{mode}.rs"));
        if !format_rust(&raw, &fmt) {
            notes.push(format!(
                "{} xsd-parser {mode}: the output does not parse as Rust (counted unformatted)",
                set.id
            ));
        }
        let _ = std::fs::remove_dir_all(&out);
        let t_dbg = exes.xsd_parser_debug.as_ref().and_then(|d| {
            let dbg_out = dir.join(format!("xsd-parser-{mode}-debug"));
            let r = median_of(
                o.runs,
                &dbg_out,
                "xsd-parser (debug)",
                run(d, mode, &dbg_out.join("raw.rs")),
            )
            .ok();
            let _ = std::fs::remove_dir_all(&dbg_out);
            r
        });
        let (_, l, ty) = count(&fmt, &[".rs"]);
        outcome.xsd_parser.push((mode, fmt));
        rows.push(format!(
            "| {} | {inputs} | xsd-parser {mode} | {t_rel:.0} ms | {} | {} | {l} | {ty} | {:.3} |",
            set.id,
            ms(t_dbg),
            ratio(Some(t_rel), Some(rel)),
            lines as f64 / l.max(1) as f64,
        ));
    }
    (rows, outcome)
}

/// Paths of the programs timed.
struct Exes {
    release: PathBuf,
    debug: PathBuf,
    xsd_parser_release: Option<PathBuf>,
    xsd_parser_debug: Option<PathBuf>,
}

const SCRATCH_PRELUDE: &str = "//! Generated code, built to time its compilation.\n\
    // Lints of generated code are not what is measured; both tools' crates carry this.\n\
    #![allow(warnings)]\n";

/// Medians of `runs` timed builds (ms), or the error diagnostics of the first failed one.
fn build_median(c: &scratch::Crate, release: bool, runs: usize) -> Result<f64, (f64, Vec<String>)> {
    let mut t = Vec::new();
    for _ in 0..runs {
        let out = c.timed_build(release).unwrap_or_else(|e| fail(e));
        if !out.errors.is_empty() {
            return Err((out.ms, out.errors));
        }
        t.push(out.ms);
    }
    Ok(median(t))
}

fn build_cell(r: &Result<f64, (f64, Vec<String>)>) -> String {
    match r {
        Ok(t) => format!("{:.1} s", t / 1e3),
        Err((t, errs)) => format!("failed after {:.1} s, {} errors", t / 1e3, errs.len()),
    }
}

fn main() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let o = options(&workspace);
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    // A stale generator binary measures old code (a run once timed a morning's generator and
    // reported its fixed bugs), so both profiles are rebuilt first; cargo makes it a no-op
    // when they are fresh.
    for profile in [&["--release"][..], &[][..]] {
        let mut bins = vec!["-p", "soapstone-codegen", "--bin", "soapstone"];
        if o.xsd_parser {
            bins.extend(["-p", "soapstone-benches", "--bin", "xsd_parser_gen"]);
        }
        let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .current_dir(&workspace)
            .arg("build")
            .arg("--quiet")
            .args(profile)
            .args(&bins)
            .status();
        if !matches!(status, Ok(s) if s.success()) {
            fail(format!(
                "building the generators ({}) failed: {status:?}",
                bins.join(" ")
            ));
        }
    }
    let exes = Exes {
        release: target.join("release/soapstone"),
        debug: target.join("debug/soapstone"),
        xsd_parser_release: Some(target.join("release/xsd_parser_gen")).filter(|p| p.exists()),
        xsd_parser_debug: Some(target.join("debug/xsd_parser_gen")).filter(|p| p.exists()),
    };
    for exe in [&exes.release, &exes.debug] {
        if !exe.exists() {
            fail(format!(
                "{} not found: build it with `cargo build [--release] -p soapstone-codegen`",
                exe.display()
            ));
        }
    }
    if o.xsd_parser && exes.xsd_parser_release.is_none() {
        fail("target/release/xsd_parser_gen not found: build it with `cargo build --release -p soapstone-benches --bin xsd_parser_gen` (or pass --no-xsd-parser)".into());
    }
    let work = target.join("codegen-timing");
    let sets: Vec<&Set> = SETS
        .iter()
        .filter(|s| o.only.is_empty() || o.only.iter().any(|x| x == s.id))
        .collect();
    println!("load average at start: {}\n", load_average());

    println!("### 1. WSDL inputs: soapstone and gSOAP (wsdl2h + soapcpp2)\n");
    println!(
        "| set | inputs | soapstone release | soapstone debug | wsdl2h | soapcpp2 | gSOAP total | gSOAP ÷ soapstone release | soapstone files / lines / types | lines per type | gSOAP lines (.h + generated C++) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for set in &sets {
        println!("{}", wsdl_row(&o, set, &exes.release, &exes.debug, &work));
    }

    println!("\n### 2. XSD inputs: soapstone and xsd-parser (same files)\n");
    println!(
        "| set | XSD inputs | generator | release | debug | time ÷ soapstone release | lines | types | soapstone lines ÷ these lines |"
    );
    println!("|---|---:|---|---:|---:|---:|---:|---:|---:|");
    let mut notes = Vec::new();
    let mut outcomes = Vec::new();
    for set in &sets {
        let (rows, out) = xsd_rows(&o, set, &exes, &work, &mut notes);
        for r in rows {
            println!("{r}");
        }
        outcomes.push((set.id, out));
    }
    for n in &notes {
        println!("- {n}");
    }

    if o.build {
        build_table(&o, &workspace, &work, &outcomes);
    }
    println!(
        "\nmedians of {} runs (builds: {}); load average at end: {}; outputs in {}",
        o.runs,
        o.build_runs,
        load_average(),
        work.display()
    );
}

/// One crate of table 3.
struct BuildRow<'a> {
    id: &'a str,
    label: String,
    krate: &'a scratch::Crate,
    /// Source files under `src/` (path, contents).
    files: Vec<(PathBuf, String)>,
    /// Whether the release build is timed too.
    release: bool,
}

/// Table 3: build time of the generated code.
fn build_table(o: &Options, workspace: &Path, work: &Path, outcomes: &[(&str, XsdOutcome)]) {
    let build_dir = work.join("build");
    let target = build_dir.join("target");
    let soap = scratch::Crate::new(
        build_dir.join("gen-soapstone"),
        target.clone(),
        "gen-soapstone",
        &scratch::Runtime::Soapstone(workspace.join("runtime")),
        workspace,
    )
    .unwrap_or_else(|e| fail(e));
    let xp = scratch::Crate::new(
        build_dir.join("gen-xsd-parser"),
        target.clone(),
        "gen-xsd-parser",
        &scratch::Runtime::XsdParserTypes,
        workspace,
    )
    .unwrap_or_else(|e| fail(e));
    soap.warm_up().unwrap_or_else(|e| fail(e));
    if o.xsd_parser {
        xp.warm_up().unwrap_or_else(|e| fail(e));
    }
    let lib = format!("{SCRATCH_PRELUDE}\npub mod bindings;\n");
    let mut rows: Vec<BuildRow> = Vec::new();
    for (id, out) in outcomes {
        if !o.build_sets.iter().any(|b| b == id) {
            continue;
        }
        // The release build is timed for the bindings a user builds (from the WSDLs) only:
        // on this shared machine each takes minutes.
        let soapstone_row = |label: &str, dir: &Path, release: bool| {
            let files: Vec<(PathBuf, String)> = rust_files(dir)
                .into_iter()
                .map(|(p, t)| (Path::new("bindings").join(p), t))
                .collect();
            BuildRow {
                id,
                label: label.to_owned(),
                krate: &soap,
                files,
                release,
            }
        };
        rows.push(soapstone_row(
            "soapstone, from the XSDs",
            &out.soapstone,
            false,
        ));
        for (mode, path) in &out.xsd_parser {
            let text = std::fs::read_to_string(path)
                .unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
            rows.push(BuildRow {
                id,
                label: format!("xsd-parser {mode}, from the XSDs"),
                krate: &xp,
                files: vec![(PathBuf::from("bindings.rs"), text)],
                // xsd-parser's release build is not a target; its debug build is.
                release: false,
            });
        }
        rows.push(soapstone_row(
            "soapstone, from the WSDLs (table 1)",
            &work.join(id).join("soapstone-release"),
            true,
        ));
    }
    let mut first_errors = Vec::new();
    // Debug builds first (the targets), then the release builds of soapstone's code.
    for release in [false, true] {
        println!(
            "\n### 3{}. {} build time of the generated code (scratch crate, dependencies prebuilt; load average before: {})\n",
            if release { "b" } else { "a" },
            if release { "Release" } else { "Debug" },
            load_average()
        );
        println!("| set | code | lines | build time |");
        println!("|---|---|---:|---:|");
        for row in rows.iter().filter(|r| !release || r.release) {
            let c = row.krate;
            let lines: usize = row
                .files
                .iter()
                .map(|(_, t)| t.lines().filter(|l| !l.trim().is_empty()).count())
                .sum();
            // A previous row's module files must not linger in the shared crate.
            let _ = std::fs::remove_dir_all(c.src());
            c.set_code(&lib, &row.files).unwrap_or_else(|e| fail(e));
            let r = build_median(c, release, o.build_runs);
            if let Err((_, errs)) = &r {
                first_errors.push(format!(
                    "{}, {}{}: {}",
                    row.id,
                    row.label,
                    if release { ", release" } else { "" },
                    errs.iter().take(3).cloned().collect::<Vec<_>>().join(" | ")
                ));
            }
            println!(
                "| {} | {} | {lines} | {} |",
                row.id,
                row.label,
                build_cell(&r)
            );
        }
    }
    for e in &first_errors {
        println!("- first errors: {e}");
    }
    if !o.keep_build {
        let _ = std::fs::remove_dir_all(&target);
    }
}
