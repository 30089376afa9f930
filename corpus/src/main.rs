//! `soapstone-corpus corpus`: run every corpus set and write CORPUS.md.
//! `soapstone-corpus roundtrip`: round-trip instance documents through generated bindings.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use soapstone_corpus::{RunOptions, render, roundtrip, run_set};

#[derive(Parser, Debug)]
#[command(
    name = "soapstone-corpus",
    about = "soapstone real-world corpus harness"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Generate, build (#![deny(warnings)]) and round-trip every corpus set; write CORPUS.md.
    Corpus {
        /// The corpus directory (one sub-directory per set); default `$SOAPSTONE_CORPUS`, else
        /// `../shared/corpus`.
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Only these sets (default: all).
        #[arg(long = "set")]
        sets: Vec<String>,
        /// Scratch directory for the generated crates and their shared target/.
        #[arg(long, default_value = "target/corpus")]
        work: PathBuf,
        /// Where to write the report (`-` = stdout only).
        #[arg(long, default_value = "CORPUS.md")]
        out: PathBuf,
        /// Round trips per set (0 = generate and build only).
        #[arg(long, default_value_t = 25)]
        instances: usize,
        /// Global elements tried per set.
        #[arg(long, default_value_t = 80)]
        candidates: usize,
        /// Skip the cold build of the largest set (a fresh target directory: runtime and
        /// dependencies, then that set's crate), reported in its own section.
        #[arg(long)]
        no_cold_build: bool,
    },
    /// Round-trip instance documents: generate bindings for the schemas/WSDLs into a scratch
    /// crate, build it, read each instance as its root element's type, write it back, compare
    /// (namespace-aware, document order kept) and validate the output with xmllint.
    Roundtrip {
        /// WSDL or XSD files.
        #[arg(required = true)]
        schemas: Vec<PathBuf>,
        /// Instance documents.
        #[arg(long = "instance", short = 'i', required = true)]
        instances: Vec<PathBuf>,
        /// OASIS XML catalog for absolute schema locations.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Scratch directory.
        #[arg(long, default_value = "target/soapstone-roundtrip")]
        work: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Cmd::Corpus {
            corpus,
            sets,
            work,
            out,
            instances,
            candidates,
            no_cold_build,
        } => {
            let corpus = corpus
                .or_else(|| std::env::var_os("SOAPSTONE_CORPUS").map(PathBuf::from))
                .unwrap_or_else(|| PathBuf::from("../shared/corpus"));
            let opts = RunOptions {
                work,
                instances,
                candidates,
            };
            let mut dirs: Vec<PathBuf> = match std::fs::read_dir(&corpus) {
                Ok(rd) => rd
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_dir())
                    .collect(),
                Err(e) => {
                    eprintln!("{}: {e}", corpus.display());
                    return ExitCode::FAILURE;
                }
            };
            dirs.sort();
            if !sets.is_empty() {
                dirs.retain(|d| {
                    d.file_name()
                        .is_some_and(|n| sets.iter().any(|s| *s == n.to_string_lossy()))
                });
            }
            let start = Instant::now();
            match soapstone_corpus::build::warm_up(&opts.work) {
                Ok(w) if w.errors.is_empty() => {
                    eprintln!("runtime built in {:.1}s", w.time.as_secs_f64());
                }
                Ok(w) => {
                    eprintln!("the runtime does not build:\n{}", w.errors.join("\n"));
                    return ExitCode::FAILURE;
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            }
            let mut reports = Vec::new();
            let mut failed = false;
            for dir in &dirs {
                eprintln!("== {}", dir.display());
                match run_set(dir, &opts) {
                    Ok(r) => {
                        let ok = r.roundtrips.iter().filter(|x| x.failure.is_none()).count();
                        eprintln!(
                            "   {} types, {} lines, gen {:.1}s, build {:.1}s, {} build errors, {}/{} round trips",
                            r.types,
                            r.lines,
                            r.generate_time.as_secs_f64(),
                            r.build_time.as_secs_f64(),
                            r.build_errors.len(),
                            ok,
                            r.roundtrips.len()
                        );
                        failed |= r.generate_error.is_some()
                            || !r.build_errors.is_empty()
                            || ok < r.roundtrips.len();
                        reports.push(r);
                    }
                    Err(e) => {
                        eprintln!("   error: {e}");
                        failed = true;
                    }
                }
            }
            let largest = reports
                .iter()
                .filter(|r| r.build_errors.is_empty() && r.generate_error.is_none())
                .max_by_key(|r| r.lines)
                .and_then(|r| dirs.iter().find(|d| d.ends_with(&r.name)));
            let cold = match largest {
                Some(set) if !no_cold_build => {
                    eprintln!("== cold build of {}", set.display());
                    match soapstone_corpus::cold_build(set, &opts.work) {
                        Ok(c) => {
                            eprintln!(
                                "   runtime {:.1}s, crate {:.1}s",
                                c.runtime.as_secs_f64(),
                                c.krate.as_secs_f64()
                            );
                            failed |= !c.errors.is_empty();
                            Some(c)
                        }
                        Err(e) => {
                            eprintln!("   error: {e}");
                            failed = true;
                            None
                        }
                    }
                }
                _ => None,
            };
            let md = render(&reports, &opts, start.elapsed(), cold.as_ref());
            if out.as_os_str() == "-" {
                print!("{md}");
            } else if let Err(e) = std::fs::write(&out, md) {
                eprintln!("{}: {e}", out.display());
                return ExitCode::FAILURE;
            }
            if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Cmd::Roundtrip {
            schemas,
            instances,
            catalog,
            work,
        } => match roundtrip(&schemas, catalog.as_deref(), &instances, &work) {
            Ok(rt) => {
                let mut failed = 0;
                for (file, r) in &rt.results {
                    match &r.failure {
                        None => match &r.warning {
                            None => println!("ok   {}", file.display()),
                            Some(w) => println!("ok   {} (warning: {w})", file.display()),
                        },
                        Some(f) => {
                            failed += 1;
                            println!("FAIL {}: {f}", file.display());
                        }
                    }
                }
                println!(
                    "{} of {} instances round-trip",
                    rt.results.len() - failed,
                    rt.results.len()
                );
                if failed == 0 {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
