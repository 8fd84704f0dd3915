//! `baocao schema`: the input contract as a JSON Schema (draft-07, the one
//! yaml-language-server reads), with Vietnamese descriptions, so an editor
//! completes keys, shows what each one means and underlines unknown ones.
//!
//! Contract: the schema accepts every file the validator accepts (numbers
//! where text is expected, one string where a list is expected, a map where
//! a one-item list is expected) and names exactly the validator's keys at
//! every level (a test compares them with `data::validate`'s lists). It is
//! a help for editors; `baocao check` stays the judge (dates, counts,
//! `resolved <= received` and the reviewer checks are not expressed here).

use serde_json::{Value, json};

use crate::vocab::System;

fn text(description: &str) -> Value {
    json!({ "type": ["string", "number"], "description": description })
}

fn text_or_list(description: &str) -> Value {
    json!({ "description": description, "anyOf": [
        { "type": ["string", "number"] },
        { "type": "array", "items": { "type": ["string", "number", "null"] } }
    ] })
}

fn count(description: &str) -> Value {
    json!({ "type": "integer", "minimum": 0, "description": description })
}

fn number(description: &str) -> Value {
    json!({ "type": "number", "description": description })
}

fn date(description: &str) -> Value {
    json!({ "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "description": description })
}

fn choice(description: &str, values: &[&str]) -> Value {
    json!({ "enum": values, "description": description })
}

fn object(description: &str, properties: Value) -> Value {
    json!({ "type": ["object", "null"], "description": description, "additionalProperties": false, "properties": properties })
}

/// A list of `item`, or one `item` written without the `- `.
fn list_of(description: &str, item: Value) -> Value {
    json!({ "description": description, "anyOf": [ { "type": "array", "items": item }, item ] })
}

/// The whole schema.
pub(crate) fn schema() -> Value {
    let person = object("Người chủ trì", json!({ "name": text("Họ và tên"), "title": text("Chức vụ") }));
    let task = object(
        "Một nội dung (đầu việc) của chương trình",
        json!({
            "name": text("Tên nội dung"),
            "lead": text("Đơn vị chủ trì"),
            "partners": text_or_list("Đơn vị phối hợp"),
            "status": choice("Kết quả: done (hoàn thành), in_progress (đang thực hiện), not_done (chưa thực hiện)", &["done", "in_progress", "not_done"]),
            "note": text("Ghi chú"),
            "deadline": text("Thời gian hoàn thành (chương trình phối hợp)"),
        }),
    );
    let levels = object(
        "Số điển hình được tuyên dương theo cấp",
        json!({
            "national": count("Cấp trung ương"),
            "province": count("Cấp tỉnh"),
            "district": count("Cấp huyện"),
            "commune": count("Cấp xã"),
        }),
    );
    let example = object(
        "Một mô hình tiêu biểu",
        json!({ "name": text("Tên mô hình"), "unit": text("Đơn vị thực hiện"), "field": text("Lĩnh vực") }),
    );
    let indicator = object(
        "Một chỉ tiêu",
        json!({
            "name": text("Tên chỉ tiêu"),
            "value": number("Kết quả đạt được (số thập phân ghi bằng dấu chấm: 19.4)"),
            "unit": text("Đơn vị tính, ví dụ `%/năm`, `xã`"),
            "target": number("Kế hoạch"),
            "previous": number("Kết quả cùng kỳ trước"),
            "of": number("Trên tổng số, ví dụ 7/11 xã thì ghi value: 7, of: 11"),
            "series": { "type": "object", "description": "Kết quả từng năm, ví dụ `2016: 12.1`", "additionalProperties": { "type": "number" } },
        }),
    );
    let commendation = object(
        "Khen thưởng",
        json!({ "by": text("Cấp khen thưởng"), "collectives": count("Số tập thể"), "individuals": count("Số cá nhân") }),
    );
    let issuer = object(
        "Một cơ quan ban hành; cơ quan đầu tiên chủ trì",
        json!({
            "system": choice("Hệ thống: state (Nhà nước, Nghị định 30), party (Đảng), front (Mặt trận, đoàn thể)", &System::ALL.map(System::key)),
            "parent": text_or_list("Cơ quan chủ quản, ví dụ `UBND TỈNH QUẢNG NINH`"),
            "name": text_or_list("Tên cơ quan ban hành, một dòng hoặc danh sách các dòng"),
            "code": text("Ký hiệu của cơ quan trong số văn bản: `UBND` trong `Số: 45/BC-UBND`"),
            "number": count("Số riêng của cơ quan này trong văn bản liên tịch"),
        }),
    );
    let signer = object(
        "Người ký, mỗi cơ quan một người",
        json!({
            "issuer": text("Ký hiệu (code) của cơ quan mà người này ký thay mặt; mặc định là cơ quan chủ trì"),
            "authority": choice("Thẩm quyền ký: TM, KT, Q, TL, TUQ hoặc none", &["TM", "KT", "Q", "TL", "TUQ", "none", "T/M", "K/T", "T/L"]),
            "on_behalf_of": text("Tập thể được thay mặt, ví dụ `ỦY BAN NHÂN DÂN`"),
            "head": text("Chức vụ của người đứng đầu (khi ký KT., Q., TL., TUQ.)"),
            "title": text("Chức vụ của người ký"),
            "name": text("Họ và tên người ký"),
        }),
    );
    let paragraphs = |d: &str| text_or_list(d);
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://baocao.invalid/input-contract-v1.json",
        "title": "baocao: báo cáo hành chính (quy ước dữ liệu đầu vào, phiên bản 1)",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "template": text("Mẫu báo cáo: tên một mẫu có sẵn (bao-cao-ket-qua, bao-cao-giao-ban, bao-cao-tong-ket, chuong-trinh-phoi-hop, tong-hop) hoặc đường dẫn tới thư mục mẫu riêng"),
            "document": object("Thông tin văn bản", json!({
                "type": text("Loại văn bản theo Nghị định 30: BC (báo cáo), CTr (chương trình), KH (kế hoạch), TB ..."),
                "number": count("Số văn bản; bỏ trống khi chưa vào sổ"),
                "place": text("Địa danh, in trước ngày tháng"),
                "date": date("Ngày ban hành, dạng năm-tháng-ngày: 2021-03-31"),
                "summary": text("Trích yếu nội dung"),
                "to": text_or_list("Kính gửi (báo cáo gửi cấp trên)"),
                "size_set": { "enum": [13, 14, "13", "14"], "description": "Bộ cỡ chữ 13 hoặc 14 (mặc định 14)" },
                "type_name": text("Tên loại văn bản in trên tiêu đề, khi khác tên mặc định"),
                "joint_code": text("Ký hiệu chung của văn bản liên tịch"),
                "style": object("Tùy chỉnh thể thức mà quy định để ngỏ", json!({
                    "headings": choice("Kiểu số mục: `I.` hoặc `I-`", &["I.", "I-"]),
                    "end_mark": choice("Dấu kết thúc văn bản: `./.` hoặc `.`", &["./.", "."]),
                    "recipient_separator": choice("Dấu cuối dòng nơi nhận", &[";", ","]),
                    "signer_title_bold": { "type": ["boolean", "string"], "description": "In đậm chức vụ người ký" },
                    "summary_separator": choice("Đường kẻ dưới trích yếu: dashes hoặc rule", &["dashes", "rule"]),
                    "title_size": { "enum": [14, 15, 16, "14", "15", "16"], "description": "Cỡ chữ tên loại văn bản" },
                    "type_size": { "enum": [14, 15, 16, "14", "15", "16"], "description": "Cỡ chữ trích yếu" },
                })),
            })),
            "issuers": list_of("Các cơ quan ban hành; cơ quan đầu tiên chủ trì", issuer),
            "period": object("Kỳ báo cáo: một năm; một quý của năm; hoặc nhiều năm (from, to)", json!({
                "year": count("Năm"),
                "quarter": { "enum": [1, 2, 3, 4], "description": "Quý (cùng với year)" },
                "from": count("Từ năm (giai đoạn)"),
                "to": count("Đến năm (giai đoạn)"),
                "cutoff": date("Thời điểm chốt số liệu"),
            })),
            "programme": object("Chương trình phối hợp được báo cáo", json!({
                "name": text("Tên chương trình"),
                "parties": text_or_list("Các bên ký kết"),
            })),
            "meeting": object("Hội nghị hoặc lễ ký kết", json!({
                "date": date("Ngày hội nghị"),
                "chairs": list_of("Người chủ trì", person),
            })),
            "results": object("Kết quả thực hiện; mọi phần đều không bắt buộc", json!({
                "tasks": list_of("Các nội dung (đầu việc) của chương trình", task),
                "models": object("Phong trào thi đua \"Dân vận khéo\"", json!({
                    "registered": count("Số mô hình đăng ký"),
                    "recognized": levels,
                    "examples": list_of("Mô hình tiêu biểu", example),
                })),
                "complaints": object("Đơn thư khiếu nại, tố cáo thuộc thẩm quyền", json!({
                    "received": count("Số đơn đã tiếp nhận"),
                    "resolved": count("Số đơn đã giải quyết (không lớn hơn số đã tiếp nhận)"),
                })),
                "indicators": list_of("Các chỉ tiêu", indicator),
                "commendations": list_of("Khen thưởng", commendation),
            })),
            "sections": object("Phần lời văn (Markdown); mỗi mục là một đoạn hoặc danh sách đoạn", json!({
                "situation": paragraphs("Tình hình chung, đặc điểm"),
                "achievements": paragraphs("Kết quả đạt được"),
                "limitations": paragraphs("Tồn tại, hạn chế"),
                "causes": paragraphs("Nguyên nhân"),
                "lessons": paragraphs("Bài học kinh nghiệm"),
                "next_tasks": paragraphs("Phương hướng, nhiệm vụ thời gian tới"),
                "proposals": paragraphs("Đề xuất, kiến nghị"),
                "purpose": paragraphs("Mục đích, yêu cầu (chương trình, kế hoạch)"),
                "implementation": paragraphs("Tổ chức thực hiện (chương trình, kế hoạch)"),
            })),
            "signers": list_of("Người ký", signer),
            "recipients": text_or_list("Nơi nhận, mỗi dòng một nơi, không ghi dấu `-` đầu dòng và `;` cuối dòng"),
            "archive": text_or_list("Lưu: ví dụ [VT, VP]"),
        }
    })
}

/// The schema as pretty JSON with a final newline.
pub fn to_string() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::known_keys;

    /// The property names of the object schema at `path` (through lists).
    fn keys_at(path: &[&str]) -> Vec<String> {
        let mut node = schema();
        for key in path {
            let mut next = node["properties"][key].clone();
            if next.get("anyOf").is_some() {
                next = next["anyOf"][0]["items"].clone();
            }
            node = next;
        }
        let mut keys: Vec<String> = node["properties"].as_object().expect("an object schema").keys().cloned().collect();
        keys.sort();
        keys
    }

    #[test]
    fn the_schema_names_exactly_the_validators_keys() {
        for (path, known) in known_keys() {
            let path: Vec<&str> = if path.is_empty() { vec![] } else { path.split('.').collect() };
            let mut known: Vec<String> = known.iter().map(|k| k.to_string()).collect();
            known.sort();
            assert_eq!(keys_at(&path), known, "keys of `{}`", path.join("."));
        }
        assert!(to_string().contains("\"Trích yếu nội dung\""));
    }
}
