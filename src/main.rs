//! The `baocao` command: parse arguments, run, turn the outcome into an exit code.
//! The command line lives here, in the binary: the library (`baocao`) has no
//! clap types and prints nothing.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
