//! The `soapstone` command line: `generate`, `check` and `inspect`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use soapstone_codegen::{Diagnostic, Error, Layout, Settings, SourceMap};

#[derive(Debug, Parser)]
#[command(
    name = "soapstone",
    version,
    about = "WSDL 1.1 + XML Schema to Rust bindings"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate Rust bindings: one file per namespace module plus `mod.rs`.
    Generate {
        #[command(flatten)]
        common: Common,
        /// Output directory.
        #[arg(short, long)]
        out: PathBuf,
        /// Write one file with this name instead of one file per module.
        #[arg(long)]
        single_file: Option<String>,
        /// Mark every generated type `#[xml(lax)]`.
        #[arg(long)]
        lax: bool,
        /// Path of the runtime crate in generated code.
        #[arg(long, default_value = "::soapstone")]
        runtime: String,
        /// Name a namespace's module: NAMESPACE=MODULE (repeatable).
        #[arg(long = "module", value_name = "NS=MODULE")]
        modules: Vec<String>,
        /// Fail if regenerating would change the files in the output directory.
        #[arg(long)]
        check_unchanged: bool,
    },
    /// Parse and resolve the inputs and report diagnostics; non-zero exit on errors.
    Check {
        #[command(flatten)]
        common: Common,
    },
    /// List services, ports, bindings and operations (actions, style, body, headers, faults)
    /// of WSDL files, like `python -m zeep <wsdl>`.
    Inspect {
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Debug, Args)]
struct Common {
    /// WSDL or XSD files (any extension).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// OASIS XML catalog for absolute schema locations (repeatable).
    #[arg(long)]
    catalog: Vec<PathBuf>,
    /// Map an absolute URL to a local file: URL=FILE (repeatable).
    #[arg(long = "map", value_name = "URL=FILE")]
    maps: Vec<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    deny_warnings: bool,
}

fn split_pair(s: &str) -> Option<(&str, &str)> {
    // URLs contain `=` only in query strings; split at the last one.
    s.rsplit_once('=')
}

fn settings(common: &Common) -> Result<Settings, String> {
    let mut s = Settings::new();
    s.with_inputs(common.inputs.iter().cloned())
        .with_warnings_as_errors(common.deny_warnings);
    for c in &common.catalog {
        s.with_catalog(c);
    }
    for m in &common.maps {
        let (url, file) =
            split_pair(m).ok_or_else(|| format!("--map expects URL=FILE, got `{m}`"))?;
        s.with_url_map(url, file);
    }
    Ok(s)
}

fn print_diagnostics(diagnostics: &[Diagnostic], sources: &SourceMap) {
    for d in diagnostics {
        eprintln!("{}", d.render(sources));
    }
}

fn report(e: Error) -> ExitCode {
    match e {
        Error::Schema {
            diagnostics,
            sources,
        } => {
            print_diagnostics(&diagnostics, &sources);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: {errors} error(s), {} warning(s)",
                diagnostics.len() - errors
            );
        }
        other => eprintln!("error: {other}"),
    }
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { common } => {
            let s = match settings(&common) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            match s.check() {
                Ok(checked) => {
                    print_diagnostics(&checked.warnings, &checked.sources);
                    eprintln!(
                        "ok: {} file(s) read, {} warning(s)",
                        checked.files_read.len(),
                        checked.warnings.len()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => report(e),
            }
        }
        Command::Inspect { common } => {
            let s = match settings(&common) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            match soapstone_codegen::inspect::inspect(&s) {
                Ok(inspection) => {
                    print_diagnostics(&inspection.warnings, &inspection.sources);
                    print!("{}", inspection.text);
                    ExitCode::SUCCESS
                }
                Err(e) => report(e),
            }
        }
        Command::Generate {
            common,
            out,
            single_file,
            lax,
            runtime,
            modules,
            check_unchanged,
        } => {
            let mut s = match settings(&common) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            s.with_lax(lax)
                .with_runtime_path(runtime)
                .with_out_dir(&out);
            s.with_layout(match single_file {
                Some(f) => Layout::SingleFile(f),
                None => Layout::ModuleFiles,
            });
            for m in &modules {
                let Some((ns, module)) = split_pair(m) else {
                    eprintln!("error: --module expects NAMESPACE=MODULE, got `{m}`");
                    return ExitCode::from(2);
                };
                s.with_module_name(ns, module);
            }
            let generated = match s.generate() {
                Ok(g) => g,
                Err(e) => return report(e),
            };
            print_diagnostics(&generated.warnings, &generated.sources);
            if check_unchanged {
                let stale: Vec<_> = generated
                    .files
                    .iter()
                    .filter(|f| {
                        std::fs::read_to_string(out.join(&f.path)).ok().as_deref()
                            != Some(f.contents.as_str())
                    })
                    .map(|f| f.path.display().to_string())
                    .collect();
                if !stale.is_empty() {
                    eprintln!(
                        "error: generated files are out of date: {}",
                        stale.join(", ")
                    );
                    return ExitCode::FAILURE;
                }
                return ExitCode::SUCCESS;
            }
            if let Err(e) = soapstone_codegen::write_files(&out, &generated.files) {
                return report(e);
            }
            eprintln!(
                "wrote {} file(s) to {} ({} warning(s))",
                generated.files.len(),
                out.display(),
                generated.warnings.len()
            );
            ExitCode::SUCCESS
        }
    }
}
