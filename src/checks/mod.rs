//! Checks that catch what reviewers catch (format-spec §12) and that the
//! schema alone cannot: a signature prefix of the wrong system, a Party header
//! without its "*", a district-level issuer after the 2025 reform, "KT." for a
//! People's Committee without the collective "TM." line, a header column too
//! narrow for its text.
//!
//! Contract: [`check`] takes a validated report and its composed frame (the
//! fixed parts exactly as they will print, composed once by the caller) and
//! returns diagnostics, never fails and never prints. Positions come from the loader's node tree when it
//! is given (the line of the offending key), else the diagnostic has line 0.
//! Errors are what would print a wrong document (a doubled or foreign prefix);
//! warnings are conventions and likely mistakes (§0 levels CONV, MUST?).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::compose;
use crate::data::model::{Authority, Issuer, Report, Signer, System};
use crate::data::{Node, NodeKind};
use crate::diag::Diagnostic;
use crate::i18n::Text;

/// The day district-level government ended (format-spec §1.3).
pub(crate) fn district_reform_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("valid date")
}

/// All checks on one report and its composed `frame`. `tree` is the node
/// tree the report was validated from, for positions.
pub(crate) fn check(report: &Report, frame: &compose::Frame, source: &Path, tree: Option<&Node>) -> Vec<Diagnostic> {
    let mut c = Checker { source, tree, out: Vec::new() };
    for (i, issuer) in report.issuers.iter().enumerate() {
        c.issuer_system(i, issuer);
        c.district_after_reform(report, i, issuer);
    }
    for (i, signer) in report.signers.iter().enumerate() {
        let issuer = report.issuers.iter().find(|x| x.code == signer.issuer).unwrap_or(&report.issuers[0]);
        c.typed_prefixes(i, signer, issuer);
        c.authority_forms(i, signer, issuer);
        c.signer_name(i, signer);
    }
    c.composed(report, frame);
    c.archive_in_recipients(report);
    c.archive_names_a_unit(report);
    c.out
}

/// One step of a path into the node tree.
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}
use Seg::{Index, Key};

struct Checker<'a> {
    source: &'a Path,
    tree: Option<&'a Node>,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// File, line and column of the deepest node along `path` (the key's
    /// position for map entries).
    fn at(&self, path: &[Seg]) -> (PathBuf, u32, u32) {
        let mut file = self.source.to_path_buf();
        let Some(mut node) = self.tree else { return (file, 0, 0) };
        let mut pos = (node.line, node.column);
        for seg in path {
            let next = match (seg, &node.kind) {
                (Key(k), NodeKind::Map(entries)) => {
                    entries.iter().find(|(key, _)| key.name == *k).map(|(key, v)| (v, (key.line, key.column)))
                }
                (Index(i), NodeKind::Seq(items)) => items.get(*i).map(|v| (v, (v.line, v.column))),
                // A single map written where a list is expected counts as its item 0.
                (Index(0), NodeKind::Map(_)) => Some((node, pos)),
                _ => None,
            };
            let Some((n, p)) = next else { break };
            node = n;
            pos = p;
        }
        if let Some(f) = &node.file {
            file = f.to_path_buf();
        }
        (file, pos.0, pos.1)
    }

    fn raw(&self, path: &[Seg]) -> Option<String> {
        let mut node = self.tree?;
        for seg in path {
            node = match (seg, &node.kind) {
                (Key(k), NodeKind::Map(entries)) => &entries.iter().find(|(key, _)| key.name == *k)?.1,
                (Index(i), NodeKind::Seq(items)) => items.get(*i)?,
                (Index(0), NodeKind::Map(_)) => node,
                _ => return None,
            };
        }
        node.scalar_text()
    }

    fn error(&mut self, path: &[Seg], message: Text, hint: Text) {
        let (file, line, column) = self.at(path);
        self.out.push(Diagnostic::error(file, line, column, message).with_hint(hint));
    }

    fn warning(&mut self, path: &[Seg], message: Text, hint: Text) {
        let (file, line, column) = self.at(path);
        self.out.push(Diagnostic::warning(file, line, column, message).with_hint(hint));
    }

    /// §12.21: the motto of one system typed into an issuer of another, and
    /// issuer names that belong to another system than the one declared.
    fn issuer_system(&mut self, i: usize, issuer: &Issuer) {
        let lines: Vec<String> = issuer.parent.iter().chain(&issuer.name).map(|l| l.to_uppercase()).collect();
        let all = lines.join(" ");
        let path = [Key("issuers"), Index(i), Key("name")];
        if all.contains("CỘNG HÒA XÃ HỘI") || all.contains("CỘNG HOÀ XÃ HỘI") || all.contains("ĐẢNG CỘNG SẢN VIỆT NAM")
        {
            self.error(
                &path,
                Text::new(
                    "tên cơ quan ban hành chứa Quốc hiệu hoặc tiêu đề \"ĐẢNG CỘNG SẢN VIỆT NAM\"",
                    "the issuer's name contains the national motto or \"ĐẢNG CỘNG SẢN VIỆT NAM\"",
                ),
                Text::new(
                    "phần bên phải của tiêu đề do chương trình in theo `system`; chỉ ghi tên cơ quan",
                    "the right-hand side of the header is printed from `system`; write only the body's name",
                ),
            );
        }
        if lines.iter().any(|l| l.trim() == "*" || l.trim_end().ends_with(" *")) {
            self.warning(
                &path,
                Text::new("dấu \"*\" được gõ trong tên cơ quan", "a \"*\" is typed in the issuer's name"),
                Text::new(
                    "văn bản của Đảng tự có dấu \"*\" dưới tên cơ quan (P-03); xóa dòng này",
                    "Party documents get their \"*\" under the name automatically (P-03); remove it",
                ),
            );
        }
        let name = issuer.name.join(" ").to_uppercase();
        let party_like =
            ["HUYỆN ỦY", "TỈNH ỦY", "THÀNH ỦY", "QUẬN ỦY", "ĐẢNG ỦY", "ĐẢNG BỘ", "BAN DÂN VẬN", "BAN TUYÊN GIÁO", "BAN TỔ CHỨC"]
                .iter()
                .any(|w| name.contains(w));
        let state_like = name.contains("ỦY BAN NHÂN DÂN") || name.contains("UỶ BAN NHÂN DÂN") || name.starts_with("UBND");
        let front_like = name.contains("MẶT TRẬN") || name.contains("MTTQ");
        let parent = issuer.parent.as_deref().unwrap_or("").to_uppercase();
        let party_parent = ["HUYỆN ỦY", "TỈNH ỦY", "THÀNH ỦY", "QUẬN ỦY", "ĐẢNG ỦY", "ĐẢNG BỘ"].iter().any(|w| parent.contains(w));
        let system_path = [Key("issuers"), Index(i), Key("system")];
        let expected = if front_like {
            Some(System::Front)
        } else if party_like || (party_parent && !state_like) {
            Some(System::Party)
        } else if state_like {
            Some(System::State)
        } else {
            None
        };
        if let Some(expected) = expected.filter(|e| *e != issuer.system) {
            let word = System::key;
            self.warning(
                &system_path,
                Text::new(
                    format!(
                        "\"{}\" có vẻ là cơ quan thuộc hệ thống `{}`, nhưng khai báo `system: {}`",
                        issuer.name.join(" "),
                        word(expected),
                        word(issuer.system)
                    ),
                    format!(
                        "\"{}\" looks like a `{}` body, but is declared `system: {}`",
                        issuer.name.join(" "),
                        word(expected),
                        word(issuer.system)
                    ),
                ),
                Text::new(
                    format!(
                        "thể thức (Quốc hiệu hay tiêu đề Đảng, \"Số:\", TM./T/M) theo `system`; nếu đúng là {0}, viết `system: {0}`",
                        word(expected)
                    ),
                    format!(
                        "the format (motto, \"Số:\", TM. or T/M) follows `system`; if it is a {0} body, write `system: {0}`",
                        word(expected)
                    ),
                ),
            );
        }
    }

    /// §1.3, §12.24: district-level issuers issue nothing dated after 1 July 2025.
    fn district_after_reform(&mut self, report: &Report, i: usize, issuer: &Issuer) {
        if report.document.date < district_reform_date() || !is_district_level(issuer) {
            return;
        }
        // "BAN DÂN VẬN" alone could be any level: the parent says which.
        let body = match &issuer.parent {
            Some(parent) => format!("{} ({parent})", issuer.name.join(" ")),
            None => issuer.name.join(" "),
        };
        self.warning(
            &[Key("issuers"), Index(i)],
            Text::new(
                format!(
                    "\"{}\" là cơ quan cấp huyện, nhưng văn bản ghi ngày {}; cấp huyện đã kết thúc hoạt động từ ngày 01/7/2025",
                    body,
                    report.document.date.format("%d/%m/%Y")
                ),
                format!(
                    "\"{}\" is a district-level body, but the document is dated {}; districts were abolished on 1 July 2025",
                    body, report.document.date
                ),
            ),
            Text::new(
                "kiểm tra ngày ban hành, hoặc ghi cơ quan cấp tỉnh/cấp xã hiện nay",
                "check the date, or name the provincial or commune body that issues it now",
            ),
        );
    }

    /// §12.17: a prefix typed into a signer's text prints twice, or in the
    /// other system's form.
    fn typed_prefixes(&mut self, i: usize, signer: &Signer, issuer: &Issuer) {
        let party = issuer.system == System::Party;
        for (key, value) in
            [("on_behalf_of", signer.on_behalf_of.as_deref()), ("head", signer.head.as_deref()), ("title", Some(signer.title.as_str()))]
        {
            let Some(value) = value else { continue };
            let Some((prefix, prefix_party)) = typed_prefix(value) else { continue };
            let (vi, en) = if prefix_party != party {
                (
                    format!("tiền tố \"{prefix}\" của văn bản {} trong chữ ký của văn bản {}", system_vi(prefix_party), system_vi(party)),
                    format!("the {} prefix \"{prefix}\" in a signature of a {} document", system_en(prefix_party), system_en(party)),
                )
            } else {
                (
                    format!("tiền tố \"{prefix}\" được gõ trong `{key}` sẽ bị in hai lần"),
                    format!("the prefix \"{prefix}\" typed in `{key}` would be printed twice"),
                )
            };
            self.error(
                &[Key("signers"), Index(i), Key(key)],
                Text::new(vi, en),
                Text::new(
                    "bỏ tiền tố khỏi văn bản và ghi `authority: TM`, `KT`, `TL`…; chương trình in TM./KT. (Nhà nước) hoặc T/M, K/T (Đảng)",
                    "remove the prefix and write `authority: TM`, `KT`, `TL`…; it is printed as TM./KT. (state) or T/M, K/T (Party)",
                ),
            );
        }
        // `authority: T/M` is accepted for every system; in a state document it prints "TM.".
        let raw = self.raw(&[Key("signers"), Index(i), Key("authority")]);
        if !party && raw.as_deref().is_some_and(|r| r.contains('/')) {
            let raw = raw.unwrap_or_default();
            self.warning(
                &[Key("signers"), Index(i), Key("authority")],
                Text::new(
                    format!("`authority: {raw}` là cách viết của Đảng; văn bản này in dạng có dấu chấm (TM., KT., TL.)"),
                    format!("`authority: {raw}` is the Party form; this document prints the dotted form (TM., KT., TL.)"),
                ),
                Text::new("viết `authority: TM`, `KT` hoặc `TL`", "write `authority: TM`, `KT` or `TL`"),
            );
        }
    }

    /// §7, S-08, P-13: the signing forms of each kind of body.
    fn authority_forms(&mut self, i: usize, signer: &Signer, issuer: &Issuer) {
        let path = [Key("signers"), Index(i), Key("authority")];
        let name = issuer.name.join(" ").to_uppercase();
        let collective_body = name.contains("ỦY BAN NHÂN DÂN") || name.contains("UỶ BAN NHÂN DÂN") || name.contains("BAN THƯỜNG TRỰC");
        match (issuer.system, signer.authority) {
            (System::Party, Authority::Q | Authority::Tuq) => self.error(
                &path,
                Text::new("văn bản của Đảng không dùng Q. hoặc TUQ.", "Party documents have no Q. or TUQ."),
                Text::new("dùng K/T (ký thay) hoặc T/L (thừa lệnh) (P-13)", "use K/T (deputy) or T/L (by order) (P-13)"),
            ),
            (System::Party, Authority::Kt) if signer.on_behalf_of.is_some() => self.warning(
                &path,
                Text::new(
                    "trong văn bản của cấp ủy, cấp phó ký T/M tập thể, không ghi K/T dưới dòng T/M",
                    "in a Party committee's document a deputy signs T/M for the committee, without K/T under it",
                ),
                Text::new(
                    "viết `authority: TM`, `on_behalf_of: BAN THƯỜNG VỤ`, `title: PHÓ BÍ THƯ` (§7)",
                    "write `authority: TM`, `on_behalf_of: BAN THƯỜNG VỤ`, `title: PHÓ BÍ THƯ` (§7)",
                ),
            ),
            (System::Party, Authority::Tm) if is_party_advisory(issuer) => self.warning(
                &path,
                Text::new(
                    "cơ quan tham mưu của cấp ủy (ban, văn phòng) không ký T/M: cấp trưởng ký trực tiếp, cấp phó ký K/T",
                    "an advisory body of a Party committee (ban, văn phòng) does not sign T/M: the head signs directly, a deputy K/T",
                ),
                Text::new("viết `authority: none` (cấp trưởng) hoặc `KT` (cấp phó) (P-13)", "write `authority: none` (head) or `KT` (deputy) (P-13)"),
            ),
            (System::State | System::Front, Authority::Kt) if collective_body && signer.on_behalf_of.is_none() => self.warning(
                &path,
                Text::new(
                    "\"KT.\" của tập thể lãnh đạo thiếu dòng \"TM.\" (ví dụ \"TM. ỦY BAN NHÂN DÂN\" / \"KT. CHỦ TỊCH\" / \"PHÓ CHỦ TỊCH\")",
                    "\"KT.\" for a collective body without the \"TM.\" line (e.g. \"TM. ỦY BAN NHÂN DÂN\" / \"KT. CHỦ TỊCH\" / \"PHÓ CHỦ TỊCH\")",
                ),
                Text::new(
                    "thêm `on_behalf_of: ỦY BAN NHÂN DÂN` (hoặc BAN THƯỜNG TRỰC) và `head: CHỦ TỊCH` (S-08)",
                    "add `on_behalf_of: ỦY BAN NHÂN DÂN` (or BAN THƯỜNG TRỰC) and `head: CHỦ TỊCH` (S-08)",
                ),
            ),
            (_, Authority::Tm) if signer.on_behalf_of.is_none() => self.warning(
                &path,
                Text::new("\"TM.\" thiếu tên tập thể được thay mặt", "\"TM.\" without the collective signed for"),
                Text::new(
                    "thêm `on_behalf_of`, ví dụ `ỦY BAN NHÂN DÂN` hoặc `BAN THƯỜNG VỤ` (S-01)",
                    "add `on_behalf_of`, e.g. `ỦY BAN NHÂN DÂN` or `BAN THƯỜNG VỤ` (S-01)",
                ),
            ),
            _ => {}
        }
    }

    /// S-04: no academic titles or honorifics before the signer's name.
    fn signer_name(&mut self, i: usize, signer: &Signer) {
        let first = signer.name.split_whitespace().next().unwrap_or("");
        let honorific =
            ["TS.", "ThS.", "PGS.", "GS.", "KS.", "BS.", "CN.", "Đ/c", "đ/c"].contains(&first) || signer.name.starts_with("Đồng chí");
        if honorific {
            self.warning(
                &[Key("signers"), Index(i), Key("name")],
                Text::new(format!("\"{first}\" trước họ tên người ký"), format!("\"{first}\" before the signer's name")),
                Text::new("chỉ ghi họ, tên đệm và tên (S-04)", "write only the family, middle and given names (S-04)"),
            );
        }
    }

    /// P-03, §12.21 and fit: checked on the composed document, so the check
    /// sees exactly what is printed. Text that cannot fit its box (a word
    /// wider than its column, a header that fits no layout) is refused at the
    /// field it comes from.
    fn composed(&mut self, report: &Report, frame: &compose::Frame) {
        let doc = &frame.document;
        let lead = &report.issuers[0];
        let motto = doc.header.motto.lines.first().map(|l| l.text.as_str()).unwrap_or("");
        let party_motto = motto == "ĐẢNG CỘNG SẢN VIỆT NAM";
        if (lead.system == System::Party) != party_motto {
            self.error(
                &[Key("issuers"), Index(0), Key("system")],
                Text::new(
                    format!("tiêu đề bên phải \"{motto}\" không đúng với cơ quan chủ trì"),
                    format!("the right-hand header \"{motto}\" does not belong to the lead body's system"),
                ),
                Text::new(
                    "tiêu đề theo cơ quan chủ trì (issuers[0]) (P-01, H-01)",
                    "the motto follows the lead body (issuers[0]) (P-01, H-01)",
                ),
            );
        }
        // Header columns are the co-issuers then the lead (compose::header_order).
        let n = report.issuers.len();
        let order: Vec<usize> = (1..n).chain(std::iter::once(0)).collect();
        for (column, &i) in doc.header.issuers.iter().zip(&order) {
            let issuer = &report.issuers[i];
            let star = column.mark.is_symbol("*");
            if issuer.system == System::Party && !star {
                self.error(
                    &[Key("issuers"), Index(i)],
                    Text::new("văn bản của Đảng thiếu dấu \"*\" dưới tên cơ quan", "a Party issuer without the \"*\" under its name"),
                    Text::new("P-03: tên cơ quan Đảng có dấu \"*\" ở dưới", "P-03: a Party body's name has a \"*\" under it"),
                );
            }
            if issuer.system != System::Party && star {
                self.error(
                    &[Key("issuers"), Index(i)],
                    Text::new("dấu \"*\" dưới tên cơ quan Nhà nước", "a \"*\" under a state body's name"),
                    Text::new("H-07: cơ quan Nhà nước có đường kẻ ngang dưới tên", "H-07: a state body's name has a rule under it"),
                );
            }
        }
        for p in &frame.problems {
            self.does_not_fit(report, p);
        }
    }

    /// One located refusal for text that cannot fit its box.
    fn does_not_fit(&mut self, report: &Report, p: &compose::Problem) {
        use compose::Field;
        let mm = |pt: f32| pt / 2.8346;
        let (path, hint): (Vec<Seg>, Text) = match p.field {
            Field::IssuerName(i, k) => {
                let has_parent = report.issuers[i].parent.is_some();
                let path = match (has_parent, k) {
                    (true, 0) => vec![Key("issuers"), Index(i), Key("parent")],
                    (true, k) => vec![Key("issuers"), Index(i), Key("name"), Index(k - 1)],
                    (false, k) => vec![Key("issuers"), Index(i), Key("name"), Index(k)],
                };
                let hint = if report.issuers.len() > 1 {
                    Text::new(
                        "viết tắt cụm từ thông dụng (\"UBND\", \"MTTQ\"), dùng `document.size_set: 13` hoặc một số chung (`document.joint_code`)",
                        "abbreviate common phrases (\"UBND\", \"MTTQ\"), use `document.size_set: 13` or one joint number (`document.joint_code`)",
                    )
                } else {
                    Text::new(
                        "viết tắt cụm từ thông dụng (\"UBND\", \"MTTQ\") (H-06)",
                        "abbreviate common phrases (\"UBND\", \"MTTQ\") (H-06)",
                    )
                };
                (path, hint)
            }
            Field::IssuerNumber(i) => (
                vec![Key("issuers"), Index(i), Key("code")],
                Text::new(
                    "rút gọn chữ viết tắt tên cơ quan hoặc dùng một số chung (`document.joint_code`)",
                    "shorten the body's abbreviation or use one joint number (`document.joint_code`)",
                ),
            ),
            Field::Place => (
                vec![Key("document"), Key("place")],
                Text::new(
                    "địa danh ghi ngắn gọn (H-12), hoặc dùng `document.size_set: 13` (H-16)",
                    "write the place name briefly (H-12), or use `document.size_set: 13` (H-16)",
                ),
            ),
            Field::Summary => (
                vec![Key("document"), Key("summary")],
                Text::new(
                    "tách từ quá dài bằng dấu cách; trích yếu ngắn gọn (T-02)",
                    "split the over-long word with spaces; keep the trích yếu brief (T-02)",
                ),
            ),
            Field::To(i) => (
                vec![Key("document"), Key("to"), Index(i)],
                Text::new("tách từ quá dài bằng dấu cách (R-01)", "split the over-long word with spaces (R-01)"),
            ),
            Field::SignerTitle(i) => (
                vec![Key("signers"), Index(i), Key("title")],
                Text::new(
                    "chức vụ ghi ngắn gọn, không lặp tên cơ quan (S-03)",
                    "write the title briefly, without repeating the body's name (S-03)",
                ),
            ),
            Field::SignerName(i) => (
                vec![Key("signers"), Index(i), Key("name")],
                Text::new("chỉ ghi họ, tên đệm và tên (S-04)", "write only the family, middle and given names (S-04)"),
            ),
            Field::Recipient(i) => (
                vec![Key("recipients"), Index(i)],
                Text::new("tách từ quá dài bằng dấu cách (R-04)", "split the over-long word with spaces (R-04)"),
            ),
        };
        self.error(
            &path,
            Text::new(
                format!("\"{}\" cần {:.0} mm nhưng ô chỉ rộng {:.0} mm: chữ sẽ tràn ra ngoài", p.text, mm(p.need), mm(p.room)),
                format!(
                    "\"{}\" needs {:.0} mm but its box is {:.0} mm wide: the text would run outside it",
                    p.text,
                    mm(p.need),
                    mm(p.room)
                ),
            ),
            hint,
        );
    }

    /// R-05, P-16: the archive line is written from `archive`, not typed in the list.
    fn archive_in_recipients(&mut self, report: &Report) {
        for (i, r) in report.recipients.iter().enumerate() {
            if r.trim_start().starts_with("Lưu") {
                self.warning(
                    &[Key("recipients"), Index(i)],
                    Text::new("dòng \"Lưu\" được gõ trong danh sách nơi nhận", "a \"Lưu\" line typed in the recipients"),
                    Text::new(
                        "ghi `archive: [VT, VP]`; dòng Lưu được in cuối danh sách theo thể thức (R-05, P-16)",
                        "write `archive: [VT, VP]`; the Lưu line is printed last in the right form (R-05, P-16)",
                    ),
                );
            }
        }
    }

    /// the state's and the Front's "Lưu" line names the drafting unit
    /// after "VT" (the Party's has a default, P-16).
    fn archive_names_a_unit(&mut self, report: &Report) {
        if report.issuers[0].system == System::Party || report.archive.iter().any(|u| u != "VT") {
            return;
        }
        let at: &[Seg] = if !report.archive.is_empty() {
            &[Key("archive")]
        } else if !report.recipients.is_empty() {
            &[Key("recipients")]
        } else {
            &[]
        };
        self.warning(
            at,
            Text::new("dòng \"Lưu\" không có đơn vị soạn thảo: \"- Lưu: VT.\"", "the \"Lưu\" line names no drafting unit: \"- Lưu: VT.\""),
            Text::new(
                "thêm ký hiệu đơn vị soạn thảo, ví dụ `archive: [VT, VP]` in \"- Lưu: VT, VP.\" (R-05)",
                "add the drafting unit's abbreviation, e.g. `archive: [VT, VP]` prints \"- Lưu: VT, VP.\" (R-05)",
            ),
        );
    }
}

fn system_vi(party: bool) -> &'static str {
    if party { "của Đảng" } else { "Nhà nước" }
}

fn system_en(party: bool) -> &'static str {
    if party { "Party" } else { "state" }
}

/// A signature prefix at the start of a text, and whether it is the Party form.
fn typed_prefix(text: &str) -> Option<(String, bool)> {
    let t = text.trim_start().to_uppercase();
    for p in ["T/M", "K/T", "T/L"] {
        if t.starts_with(p) {
            return Some((p.to_string(), true));
        }
    }
    for p in ["TUQ.", "TM.", "KT.", "TL.", "Q.", "TM ", "KT ", "TL "] {
        if t.starts_with(p) {
            return Some((p.trim().to_string(), false));
        }
    }
    None
}

/// Huyện, quận, thị xã and the Party committees and boards at that level
/// ("HUYỆN ỦY", "BAN DÂN VẬN HUYỆN ỦY", Party codes ending in "HU").
pub(crate) fn is_district_level(issuer: &Issuer) -> bool {
    let squash = |lines: &[String]| {
        lines.iter().map(|l| l.to_uppercase()).collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let (parent, name) = (squash(issuer.parent.as_slice()), squash(&issuer.name));
    let text = format!("{parent} {name}");
    let words = ["HUYỆN", "QUẬN", "THỊ XÃ"];
    let code = issuer.code.to_uppercase();
    // A city under a province ("UBND TỈNH BÀ RỊA - VŨNG TÀU" / "THÀNH PHỐ BÀ RỊA")
    // was district level; a city under the centre (Thành phố Hồ Chí Minh) is a province.
    let provincial_city = text.contains("THÀNH PHỐ") && parent.contains("TỈNH");
    words.iter().any(|w| text.contains(w))
        || provincial_city
        || (issuer.system == System::Party && (code.ends_with("HU") || code.ends_with("QU")))
}

/// Party advisory and assisting bodies (ban, văn phòng, ủy ban kiểm tra excluded).
fn is_party_advisory(issuer: &Issuer) -> bool {
    let name = issuer.name.last().map(|l| l.to_uppercase()).unwrap_or_default();
    (name.starts_with("BAN ") && !name.starts_with("BAN THƯỜNG VỤ") && !name.starts_with("BAN CHẤP HÀNH")) || name.starts_with("VĂN PHÒNG")
}

#[cfg(test)]
mod tests;
