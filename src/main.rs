//! The `baocao` command: parse arguments, run, turn the outcome into an exit code.

fn main() -> std::process::ExitCode {
    baocao::cli::main()
}
