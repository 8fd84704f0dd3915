//! `baocao init [DIR]`: the files a newcomer starts from. A single report
//! (`bao-cao.yaml`, every part commented in Vietnamese) or, with
//! `--district`, a batch folder (`_defaults.yaml`, two communes, the
//! district's `summary.yaml`); with either, `baocao.schema.json`, which the
//! first line of every YAML file names so that VS Code (yaml-language-server)
//! completes and checks keys. Every file written passes `baocao check`
//! (tested).

/// A commented report.
const REPORT: &[(&str, &str)] = &[("bao-cao.yaml", include_str!("scaffold/bao-cao.yaml"))];

/// A district folder.
const DISTRICT: &[(&str, &str)] = &[
    ("_defaults.yaml", include_str!("scaffold/huyen/_defaults.yaml")),
    ("xa-a.yaml", include_str!("scaffold/huyen/xa-a.yaml")),
    ("xa-b.yaml", include_str!("scaffold/huyen/xa-b.yaml")),
    ("summary.yaml", include_str!("scaffold/huyen/summary.yaml")),
];

/// The schema file the YAML files point at.
pub(crate) const SCHEMA_FILE: &str = "baocao.schema.json";

/// (file name, contents) to write.
pub fn files(district: bool) -> Vec<(&'static str, String)> {
    let set = if district { DISTRICT } else { REPORT };
    let mut files: Vec<(&'static str, String)> = set.iter().map(|(name, body)| (*name, body.to_string())).collect();
    files.push((SCHEMA_FILE, crate::schema::to_string()));
    files
}
