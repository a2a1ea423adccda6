use std::process::ExitCode;

fn main() -> ExitCode {
    iotlabel_cli::main()
}
