//! The `kehoach` command line: parses arguments, calls the library, prints, sets the exit code
//! (0 ok, 1 content errors, 2 usage).

use clap::{Parser, Subcommand};
use kehoach::diag::{Diagnostic, Diagnostics};
use kehoach::{msg, tr};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "kehoach",
    version,
    about = "Xuất bản kế hoạch của UBND xã, phường thành cổng thông tin tĩnh.\nPublishes the plans (Kế hoạch) of a Vietnamese commune as a static portal."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of the messages: vi (default) or en (also chosen by LANG=en_…).
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<kehoach::msg::Lang>,
}

fn parse_lang(s: &str) -> Result<kehoach::msg::Lang, String> {
    kehoach::msg::Lang::parse(s).ok_or_else(|| format!("`{s}`: write vi or en"))
}

#[derive(Subcommand)]
enum Command {
    /// Create a new site in DIR: site.toml, content/units.yaml, an example plan.
    Init { dir: PathBuf },
    /// Create a new file from a skeleton with every field, commented in Vietnamese.
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
    /// Write a report (.docx, Nghị định 30/2020 form) on carrying out a plan, the tasks a
    /// unit leads, or every plan; with --period, of the tasks due in that period.
    Report {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The plan, by its address name (ke-hoach/<name>/) or its number (66/KH-UBND).
        #[arg(long)]
        plan: Option<String>,
        /// The unit, by its address name (don-vi/<name>/) or its registered name.
        #[arg(long)]
        unit: Option<String>,
        /// A quarter (2025-Q4), a half year (2025-H2) or a year (2025).
        #[arg(long)]
        period: Option<String>,
        /// The Word file to write (FILE.docx).
        #[arg(long, short)]
        output: PathBuf,
        /// "Today" for statuses, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else the current date).
        #[arg(long)]
        today: Option<String>,
    },
    /// Validate the site without writing anything; exit 1 on errors.
    Check {
        /// The site folder (holds site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// "Today" for statuses, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else the current date).
        #[arg(long)]
        today: Option<String>,
    },
    /// Build the portal into public/ (or --output DIR), replacing it only if the build succeeds.
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder, relative to the current directory.
        #[arg(long, short, default_value = "public")]
        output: PathBuf,
        /// "Today" for statuses, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else the current date).
        #[arg(long)]
        today: Option<String>,
        /// Print warnings too (they are counted in the summary either way).
        #[arg(long, short)]
        verbose: bool,
    },
    /// Turn a signed plan (.docx) or its task table pasted as tab-separated text (FILE.tsv, or
    /// `-` for standard input) into a plan file to review: every value the importer is unsure
    /// of is marked `# kiểm tra lại`, and `kehoach check` lists those marks.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Import {
        /// `updates FILE.xlsx|FILE.csv`: add the progress a unit filled in a sheet of
        /// `kehoach export phieu` as updates of its tasks.
        #[command(subcommand)]
        what: Option<ImportWhat>,
        /// The .docx file, a .tsv file, or `-` to read a pasted table from standard input.
        #[arg(required = true)]
        file: Option<PathBuf>,
        /// Where to write the plan (`-` = standard output). Default: content/plans/<year>/<place>-<number>.md
        /// (standard output when the input is `-`).
        #[arg(long, short, conflicts_with = "append")]
        output: Option<PathBuf>,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
        /// The site folder (holds content/units.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Add the tasks at the end of this plan's `tasks:`, keeping the rest of the file as is.
        #[arg(long, value_name = "PLAN.md")]
        append: Option<PathBuf>,
    },
    /// Write a file for the editorial board's work: `phieu`, a unit's progress sheet.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Preview the portal on http://127.0.0.1: build into a private folder, rebuild and reload
    /// the browser on every change, show errors in the page. Ctrl+C stops.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port on 127.0.0.1 (default: 1313, or the first free one after it; 0: any free port).
        #[arg(long)]
        port: Option<u16>,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// "Today" for statuses, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else the current date).
        #[arg(long)]
        today: Option<String>,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Add the rows a unit filled in a progress sheet (.xlsx or .csv of `kehoach export
    /// phieu`) as updates of their tasks; nothing is written while any row is wrong.
    Updates {
        /// The filled sheet.
        file: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write the good rows even when others are wrong (those are listed and left out).
        #[arg(long)]
        skip_bad: bool,
        /// "Today", YYYY-MM-DD: no update may be dated after it (default: SOURCE_DATE_EPOCH, else the current date).
        #[arg(long)]
        today: Option<String>,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// A progress sheet (phiếu cập nhật tiến độ) of the open tasks a unit leads, to fill in
    /// Excel and read back with `kehoach import updates`.
    Phieu {
        /// The unit, by its address name (don-vi/<name>/) or its registered name.
        #[arg(long)]
        don_vi: String,
        /// Only tasks due in or before a quarter (2026-Q1), half year (2026-H1) or year (2026),
        /// and those without a last day.
        #[arg(long)]
        period: Option<String>,
        /// The file to write (default phieu-<unit>.xlsx, or .csv with --format csv).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// xlsx (default) or csv; without it, the output's extension decides.
        #[arg(long, value_parser = ["xlsx", "csv"])]
        format: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// "Today" for statuses, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else the current date).
        #[arg(long)]
        today: Option<String>,
    },
}

#[derive(Subcommand)]
enum NewWhat {
    /// A plan skeleton at content/plans/NAME.md.
    Plan {
        name: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Prints to stdout, ignoring a closed pipe (`kehoach build | head` must not panic).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

fn print_diags(d: &Diagnostics, warnings: bool) {
    for x in d.iter().filter(|x| warnings || x.is_error()) {
        eprintln!("{x}\n");
    }
}

fn fail(d: Diagnostic, code: u8) -> ExitCode {
    eprintln!("{d}");
    ExitCode::from(code)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    kehoach::msg::set_lang(cli.lang.unwrap_or_else(kehoach::msg::Lang::from_env));
    match cli.command {
        Command::Init { dir } => match kehoach::scaffold::init(&dir) {
            Ok(files) => {
                say!(
                    "{}",
                    tr!(msg::CLI_INIT_DONE, dir = dir.display(), files = files)
                );
                say!("{}", tr!(msg::CLI_INIT_NEXT, dir = dir.display()));
                ExitCode::SUCCESS
            }
            Err(d) => fail(d, 1),
        },
        Command::New {
            what: NewWhat::Plan { name, root },
        } => match kehoach::scaffold::new_plan(&root, &name) {
            Ok(path) => {
                say!(
                    "{}",
                    tr!(msg::CLI_CREATED, path = kehoach::diag::display_path(&path))
                );
                ExitCode::SUCCESS
            }
            Err(d) => fail(d, 1),
        },
        Command::Report {
            root,
            plan,
            unit,
            period,
            output,
            today,
        } => {
            let today = match kehoach::today_from(today.as_deref()) {
                Ok(t) => t,
                Err(d) => return fail(d, 2),
            };
            let (site, diags) = kehoach::site::load::load(&root, today);
            let Some(site) = site.filter(|_| !diags.has_errors()) else {
                print_diags(&diags, false);
                say!(
                    "{}",
                    tr!(msg::CLI_REPORT_REFUSED, errors = diags.error_count())
                );
                return ExitCode::from(1);
            };
            let opts = kehoach::report::ReportOptions {
                plan: plan.as_deref(),
                unit: unit.as_deref(),
                period: period.as_deref(),
            };
            let (scope, period) = match kehoach::report::resolve(&site, &opts) {
                Ok(x) => x,
                Err(d) => return fail(d, 2),
            };
            let report = kehoach::report::report(&site, scope, period);
            let bytes = match kehoach::report::docx::write(&report.document()) {
                Ok(b) => b,
                Err(e) => {
                    return fail(
                        Diagnostic::error(&output, None, tr!(msg::CLI_REPORT_NOT_MADE, error = e)),
                        1,
                    );
                }
            };
            if let Err(e) = kehoach::report::write_file(&output, &bytes) {
                return fail(
                    Diagnostic::error(&output, None, tr!(msg::CANNOT_WRITE, error = e))
                        .with_hint(tr!(msg::CLI_FOLDER_WRITABLE_HINT)),
                    1,
                );
            }
            let c = &report.summary.counts;
            say!(
                "{}",
                tr!(
                    msg::CLI_REPORT_DONE,
                    title = report.title,
                    timed = c.timed,
                    done_on_time = c.done_on_time,
                    done_late = c.done_late,
                    open_on_time = c.open_on_time,
                    open_overdue = c.open_overdue,
                    output = output.display()
                )
            );
            ExitCode::SUCCESS
        }
        Command::Check { root, today } => {
            let today = match kehoach::today_from(today.as_deref()) {
                Ok(t) => t,
                Err(d) => return fail(d, 2),
            };
            let d = kehoach::check(&root, today);
            print_diags(&d, true);
            say!(
                "{}",
                tr!(
                    msg::CLI_CHECK_SUMMARY,
                    errors = d.error_count(),
                    warnings = d.warning_count()
                )
            );
            if d.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Import {
            what:
                Some(ImportWhat::Updates {
                    file,
                    root,
                    skip_bad,
                    today,
                }),
            ..
        } => {
            let today = match kehoach::today_from(today.as_deref()) {
                Ok(t) => t,
                Err(d) => return fail(d, 2),
            };
            match kehoach::progress::import_updates(&root, &file, today, skip_bad) {
                Ok(s) => {
                    print_diags(&s.problems, true);
                    say!("{}", kehoach::progress::summary_text(&s, &file));
                    // Wrong rows fail the import, unless --skip-bad wrote the others.
                    if s.problems.has_errors() && !(s.written && skip_bad) {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(d) => {
                    print_diags(&d, false);
                    ExitCode::from(1)
                }
            }
        }
        Command::Export {
            what:
                ExportWhat::Phieu {
                    don_vi,
                    period,
                    output,
                    format,
                    root,
                    today,
                },
        } => {
            let today = match kehoach::today_from(today.as_deref()) {
                Ok(t) => t,
                Err(d) => return fail(d, 2),
            };
            let output = output.unwrap_or_else(|| {
                let ext = format.as_deref().unwrap_or("xlsx");
                PathBuf::from(format!("phieu-{}.{ext}", kehoach::vi::slugify(&don_vi)))
            });
            let csv = match format.as_deref() {
                Some(f) => f == "csv",
                None => output
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv")),
            };
            match kehoach::progress::export_sheet(
                &root,
                &don_vi,
                period.as_deref(),
                &output,
                csv,
                today,
            ) {
                Ok(line) => {
                    say!("{line}");
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    print_diags(&d, false);
                    ExitCode::from(1)
                }
            }
        }
        Command::Import {
            what: None,
            file,
            output,
            force,
            root,
            append,
        } => {
            let Some(file) = file else {
                return ExitCode::from(2);
            };
            let opts = kehoach::import::ImportOptions {
                input: file,
                output,
                force,
                root,
                append: append.clone(),
            };
            match kehoach::import::run(&opts, &mut std::io::stdin().lock()) {
                Ok(r) => {
                    for w in &r.warnings {
                        eprintln!("{w}\n");
                    }
                    for p in &r.problems {
                        eprintln!("{p}\n");
                    }
                    let what = if r.groups > 0 {
                        tr!(
                            msg::CLI_IMPORT_TASKS_IN_GROUPS,
                            tasks = r.tasks,
                            groups = r.groups
                        )
                    } else {
                        tr!(msg::CLI_IMPORT_TASKS, tasks = r.tasks)
                    };
                    let review = tr!(msg::CLI_IMPORT_REVIEW, n = r.review_comments);
                    match r.written {
                        kehoach::import::Written::Stdout(text) => {
                            use std::io::Write as _;
                            let _ = std::io::stdout().write_all(text.as_bytes());
                            eprintln!(
                                "{}",
                                tr!(msg::CLI_IMPORT_STDOUT, what = what, review = review)
                            );
                        }
                        kehoach::import::Written::File(path) => {
                            let done = if append.is_some() {
                                &msg::CLI_IMPORT_APPENDED
                            } else {
                                &msg::CLI_IMPORT_CREATED
                            };
                            say!(
                                "{}",
                                tr!(
                                    *done,
                                    path = kehoach::diag::display_path(&path),
                                    what = what,
                                    review = review
                                )
                            );
                            if r.review_comments > 0 {
                                say!("{}", tr!(msg::CLI_IMPORT_NEXT));
                            }
                        }
                    }
                    if r.problems.is_empty() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Err(d) => fail(d, 1),
            }
        }
        Command::Build {
            root,
            output,
            today,
            verbose,
        } => {
            let today = match kehoach::today_from(today.as_deref()) {
                Ok(t) => t,
                Err(d) => return fail(d, 2),
            };
            // An output that would take the user's files with it is a usage error, refused
            // before anything is read or written.
            if let Err(d) = kehoach::output::check_output(&root, &output) {
                eprintln!("{d}");
                eprintln!("{}", tr!(msg::CLI_BUILD_NOTHING_WRITTEN));
                return ExitCode::from(2);
            }
            let opts = kehoach::BuildOptions {
                root,
                output: output.clone(),
                today,
            };
            match kehoach::build(&opts) {
                Ok(s) => {
                    print_diags(&s.diagnostics, verbose);
                    let index = kehoach::output::file_url(&output.join("index.html"));
                    let see = if s.diagnostics.warning_count() > 0 && !verbose {
                        tr!(msg::CLI_BUILD_SEE_CHECK)
                    } else {
                        String::new()
                    };
                    say!(
                        "{}",
                        tr!(
                            msg::CLI_BUILD_DONE,
                            plans = s.plans,
                            tasks = s.tasks,
                            units = s.units,
                            pages = s.pages,
                            files = s.files,
                            mb = format!("{:.1}", s.bytes as f64 / 1e6),
                            seconds = format!("{:.2}", s.elapsed.as_secs_f64()),
                            warnings = s.diagnostics.warning_count(),
                            see = see
                        )
                    );
                    say!("{}", tr!(msg::CLI_BUILD_OPEN, url = index));
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    print_diags(&d, true);
                    eprintln!(
                        "{}",
                        tr!(
                            msg::CLI_BUILD_REFUSED,
                            errors = d.error_count(),
                            output = output.display()
                        )
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            root,
            port,
            open,
            today,
        } => {
            let today = match kehoach::today_from(today.as_deref()) {
                Ok(t) => t,
                Err(d) => return fail(d, 2),
            };
            let opts = kehoach::serve::ServeOptions {
                root,
                port,
                open,
                today,
            };
            match kehoach::serve::serve(opts) {
                Ok(never) => match never {},
                Err(d) => fail(d, 1),
            }
        }
    }
}
