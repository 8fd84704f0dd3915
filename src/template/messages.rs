//! Every user-facing message of the template engine, in Vietnamese and
//! English (see `data::messages` for the conventions). Handlebars' own
//! English wording is translated for the errors people actually make in a
//! template (an unclosed block, a misspelt field, a missing partial) and kept
//! in parentheses for the rest.

use handlebars::{RenderErrorReason, TemplateErrorReason};

use crate::i18n::Text;

fn t(vi: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(vi, en)
}

pub fn cannot_read_folder(e: &str) -> Text {
    t(format!("không đọc được thư mục mẫu: {e}"), format!("cannot read the template folder: {e}"))
}

pub fn cannot_read_template(e: &str) -> Text {
    t(format!("không đọc được mẫu: {e}"), format!("cannot read the template: {e}"))
}

pub fn second_template(name: &str, first: &str) -> (Text, Text) {
    (
        t(format!("có hai mẫu cùng tên `{name}`"), format!("a second template named `{name}`")),
        t(format!("{first} đã định nghĩa mẫu này; chỉ giữ một"), format!("{first} already defines it; keep one")),
    )
}

pub fn outside_folder(name: &str) -> (Text, Text) {
    (
        t(
            format!("mẫu `{name}` là liên kết tới một tệp nằm ngoài thư mục mẫu"),
            format!("template `{name}` is a link to a file outside the template folder"),
        ),
        t(
            "chép nội dung mẫu vào thư mục này thay vì dùng liên kết",
            "copy the template into this folder instead of linking to it",
        ),
    )
}

pub fn unknown_template(wanted: &str, known: &str) -> (Text, Text) {
    (
        t(format!("không có mẫu tên `{wanted}`"), format!("unknown template `{wanted}`")),
        t(
            format!("các mẫu có sẵn: {known}; hoặc ghi đường dẫn tới một thư mục mẫu"),
            format!("known templates: {known}; or give a folder path"),
        ),
    )
}

pub fn cannot_pass_data(e: &str) -> Text {
    t(format!("không chuyển được dữ liệu báo cáo cho mẫu: {e}"), format!("the report cannot be passed to the template: {e}"))
}

/// A compile error in template `name` (`built_in`: one of ours).
pub fn compile_error(name: &str, built_in: bool, reason: &TemplateErrorReason) -> Text {
    let (kind_vi, kind_en) = if built_in { ("mẫu có sẵn", "built-in template") } else { ("mẫu", "template") };
    let en = reason.to_string();
    let vi = match reason {
        TemplateErrorReason::MismatchingClosedHelper(open, close) | TemplateErrorReason::MismatchingClosedDecorator(open, close) => {
            format!("khối `{open}` được mở nhưng lại đóng bằng `{close}`")
        }
        TemplateErrorReason::InvalidSyntax(_) => {
            format!("sai cú pháp Handlebars (thường do thiếu `}}}}` hoặc khối `{{{{#…}}}}` chưa được đóng) ({en})")
        }
        TemplateErrorReason::InvalidParam(p) => format!("tham số không hợp lệ `{p}`"),
        TemplateErrorReason::NestedSubexpression => "không hỗ trợ biểu thức con lồng nhau".to_string(),
        _ => format!("lỗi mẫu ({en})"),
    };
    t(format!("{kind_vi} `{name}`: {vi}"), format!("{kind_en} `{name}`: {en}"))
}

/// A render error in template `name` while rendering `source`.
pub fn render_error(name: &str, source: &str, reason: &RenderErrorReason) -> (Text, Option<Text>) {
    let (message, hint) = match reason {
        RenderErrorReason::MissingVariable(path) => {
            let p = path.as_deref().unwrap_or("?");
            (
                t(
                    format!("mẫu `{name}` dùng `{p}`, nhưng dữ liệu báo cáo không có trường này"),
                    format!("template `{name}` uses `{p}`, which the report data does not have"),
                ),
                Some(t(
                    "kiểm tra chính tả theo quy ước dữ liệu đầu vào; giá trị không bắt buộc có thể để trống \
                     và kiểm tra bằng {{#if …}}",
                    "check the spelling against the input contract; optional values are null \
                     and can be tested with {{#if …}}",
                )),
            )
        }
        RenderErrorReason::PartialNotFound(p) => (
            t(format!("mẫu `{name}` chèn mẫu con `{p}`, nhưng mẫu con này không tồn tại"), format!("template `{name}` includes `{p}`, which does not exist")),
            Some(t(
                "mẫu con chỉ có thể là mẫu có sẵn hoặc tệp .hbs trong thư mục mẫu, gọi bằng tên (không có đường dẫn)",
                "a partial can only be a built-in template or a .hbs file in the template folder, named without a path",
            )),
        ),
        RenderErrorReason::HelperNotFound(h) => (
            t(format!("mẫu `{name}` dùng hàm `{h}`, nhưng không có hàm này"), format!("template `{name}`: helper `{h}` not found")),
            None,
        ),
        RenderErrorReason::CannotIncludeSelf => (
            t(format!("mẫu `{name}` tự chèn chính nó"), format!("template `{name}` includes itself")),
            None,
        ),
        reason => (t(format!("mẫu `{name}`: lỗi khi tạo văn bản ({reason})"), format!("template `{name}`: {reason}")), None),
    };
    let message = t(format!("{} (khi tạo văn bản từ {source})", message.vi), format!("{} (rendering {source})", message.en));
    (message, hint)
}
