//! Every user-facing message of the template engine, in Vietnamese and
//! English (see `data::messages` for the conventions). Handlebars' own
//! English wording is translated for the errors people actually make in a
//! template (an unclosed block, a misspelt field, a missing partial); the
//! rest get a general Vietnamese message (never English inside Vietnamese).

use handlebars::{RenderErrorReason, TemplateErrorReason};

use std::path::Path;

use crate::i18n::Text;

fn t(vi: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(vi, en)
}

pub(crate) fn cannot_read_folder(e: &Text) -> Text {
    t(format!("không đọc được thư mục mẫu: {}", e.vi), format!("cannot read the template folder: {}", e.en))
}

pub(crate) fn cannot_read_template(e: &Text) -> Text {
    t(format!("không đọc được mẫu: {}", e.vi), format!("cannot read the template: {}", e.en))
}

pub(crate) fn template_not_regular() -> Text {
    t("mẫu phải là một tệp thông thường", "a template must be a regular file")
}

pub(crate) fn template_too_large(bytes: u64, max: usize) -> (Text, Text) {
    (
        t(format!("tệp mẫu có {bytes} byte; giới hạn là {max} byte"), format!("the template is {bytes} bytes; the limit is {max} bytes")),
        t(
            "một mẫu báo cáo chỉ vài kilobyte; hãy kiểm tra đã chọn đúng tệp chưa",
            "a report template is a few kilobytes; check that this is the right file",
        ),
    )
}

pub(crate) fn template_not_utf8() -> Text {
    t("tệp mẫu không phải là văn bản UTF-8", "the template is not UTF-8 text")
}

pub(crate) fn second_template(name: &str, first: &str) -> (Text, Text) {
    (
        t(format!("có hai mẫu cùng tên `{name}`"), format!("a second template named `{name}`")),
        t(format!("{first} đã định nghĩa mẫu này; chỉ giữ một"), format!("{first} already defines it; keep one")),
    )
}

pub(crate) fn outside_folder(name: &str) -> (Text, Text) {
    (
        t(
            format!("mẫu `{name}` là liên kết tới một tệp nằm ngoài thư mục mẫu"),
            format!("template `{name}` is a link to a file outside the template folder"),
        ),
        t("chép nội dung mẫu vào thư mục này thay vì dùng liên kết", "copy the template into this folder instead of linking to it"),
    )
}

pub(crate) fn unknown_template(wanted: &str, known: &str) -> (Text, Text) {
    (
        t(format!("không có mẫu tên `{wanted}`"), format!("unknown template `{wanted}`")),
        t(
            format!("các mẫu có sẵn: {known}; hoặc ghi đường dẫn tới một thư mục mẫu"),
            format!("known templates: {known}; or give a folder path"),
        ),
    )
}

pub(crate) fn cannot_pass_data(e: &str) -> Text {
    t("không chuyển được dữ liệu báo cáo cho mẫu", format!("the report cannot be passed to the template: {e}"))
}

/// A compile error in template `name` (`built_in`: one of ours).
pub(crate) fn compile_error(name: &str, built_in: bool, reason: &TemplateErrorReason) -> Text {
    let (kind_vi, kind_en) = if built_in { ("mẫu có sẵn", "built-in template") } else { ("mẫu", "template") };
    let en = reason.to_string();
    let vi = match reason {
        TemplateErrorReason::MismatchingClosedHelper(open, close) | TemplateErrorReason::MismatchingClosedDecorator(open, close) => {
            format!("khối `{open}` được mở nhưng lại đóng bằng `{close}`")
        }
        TemplateErrorReason::InvalidSyntax(_) => {
            "sai cú pháp Handlebars (thường do thiếu `}}` hoặc khối `{{#…}}` chưa được đóng)".to_string()
        }
        TemplateErrorReason::InvalidParam(p) => format!("tham số không hợp lệ `{p}`"),
        TemplateErrorReason::NestedSubexpression => "không hỗ trợ biểu thức con lồng nhau".to_string(),
        _ => "lỗi cú pháp mẫu".to_string(),
    };
    t(format!("{kind_vi} `{name}`: {vi}"), format!("{kind_en} `{name}`: {en}"))
}

/// A render error in template `name` while rendering `source`.
pub(crate) fn render_error(name: &str, source: &str, reason: &RenderErrorReason) -> (Text, Option<Text>) {
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
            t(
                format!("mẫu `{name}` chèn mẫu con `{p}`, nhưng mẫu con này không tồn tại"),
                format!("template `{name}` includes `{p}`, which does not exist"),
            ),
            Some(t(
                "mẫu con chỉ có thể là mẫu có sẵn hoặc tệp .hbs trong thư mục mẫu, gọi bằng tên (không có đường dẫn)",
                "a partial can only be a built-in template or a .hbs file in the template folder, named without a path",
            )),
        ),
        RenderErrorReason::HelperNotFound(h) => {
            (t(format!("mẫu `{name}` dùng hàm `{h}`, nhưng không có hàm này"), format!("template `{name}`: helper `{h}` not found")), None)
        }
        RenderErrorReason::CannotIncludeSelf => {
            (t(format!("mẫu `{name}` tự chèn chính nó"), format!("template `{name}` includes itself")), None)
        }
        reason => (t(format!("mẫu `{name}`: lỗi khi tạo văn bản"), format!("template `{name}`: {reason}")), None),
    };
    let message = t(format!("{} (khi tạo văn bản từ {source})", message.vi), format!("{} (rendering {source})", message.en));
    (message, hint)
}

/// A render budget ran out in template `name` while rendering `source`.
pub(crate) fn budget_exhausted(name: &str, source: &str, what: super::budget::Exhausted) -> (Text, Text) {
    use super::budget::{Exhausted, MAX_OUTPUT_BYTES, MAX_STEPS};
    let (vi, en) = match what {
        Exhausted::Steps => (
            format!("mẫu `{name}` lặp quá {MAX_STEPS} bước khi tạo văn bản từ {source}"),
            format!("template `{name}` took more than {MAX_STEPS} loop steps rendering {source}"),
        ),
        Exhausted::Output => (
            format!("mẫu `{name}` tạo ra hơn {MAX_OUTPUT_BYTES} byte văn bản từ {source}"),
            format!("template `{name}` produced more than {MAX_OUTPUT_BYTES} bytes of text rendering {source}"),
        ),
    };
    (
        t(vi, en),
        t(
            "kiểm tra các khối {{#each}} lồng nhau ở dòng này: một báo cáo thật chỉ cần vài nghìn bước",
            "check the nested {{#each}} blocks at this line: a real report needs a few thousand steps",
        ),
    )
}

/// A structural problem of template `name` found before rendering.
pub(crate) fn structure(name: &str, problem: &super::budget::Problem) -> (Text, Text) {
    use super::budget::{MAX_BLOCK_DEPTH, MAX_INCLUDE_DEPTH, Problem};
    match problem {
        Problem::TooDeep => (
            t(
                format!("mẫu `{name}` lồng quá {MAX_BLOCK_DEPTH} khối `{{{{#…}}}}`"),
                format!("template `{name}` nests more than {MAX_BLOCK_DEPTH} `{{{{#…}}}}` blocks"),
            ),
            t("tách phần lồng sâu thành mẫu con", "move the deep part into a partial"),
        ),
        Problem::Cycle(names) => {
            let chain = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" → ");
            (
                t(format!("các mẫu chèn lẫn nhau thành vòng: {chain}"), format!("templates include each other in a cycle: {chain}")),
                t("bỏ một lệnh chèn `{{> …}}` để vòng kết thúc", "remove one `{{> …}}` so that the cycle ends"),
            )
        }
        Problem::IncludesTooDeep(names) => {
            let (from, to) = (&names[0], &names[names.len() - 1]);
            (
                t(
                    format!("mẫu `{from}` chèn `{to}`, kéo theo chuỗi hơn {MAX_INCLUDE_DEPTH} mẫu con lồng nhau"),
                    format!("template `{from}` includes `{to}`, starting a chain of more than {MAX_INCLUDE_DEPTH} nested partials"),
                ),
                t("gộp bớt các mẫu con", "merge some of the partials"),
            )
        }
        Problem::DynamicPartial => (
            t(
                format!("mẫu `{name}` chèn một mẫu con có tên tính khi chạy"),
                format!("template `{name}` includes a partial whose name is computed"),
            ),
            t("ghi thẳng tên mẫu con: `{{> ten-mau}}`", "write the partial's name: `{{> name}}`"),
        ),
        Problem::Decorator => (
            t(
                format!("mẫu `{name}` dùng `{{{{*…}}}}` (mẫu con viết tại chỗ), baocao không hỗ trợ"),
                format!("template `{name}` uses `{{{{*…}}}}` (inline partials), which baocao does not support"),
            ),
            t("viết mẫu con thành tệp .hbs riêng trong thư mục partials/", "write the partial as its own .hbs file in partials/"),
        ),
    }
}

pub(crate) fn template_folder_missing(folder: &Path) -> Text {
    t(format!("không có thư mục mẫu {}", folder.display()), format!("the template folder {} does not exist", folder.display()))
}

pub(crate) fn template_folder_hint() -> Text {
    t(
        "ghi tên một mẫu có sẵn hoặc đường dẫn tới thư mục mẫu, tính từ thư mục của tệp này (xem `baocao templates list`)",
        "give a built-in template name or a folder path relative to this file (see `baocao templates list`)",
    )
}
