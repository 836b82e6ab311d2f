//! The formal report as a Word (.docx) file, written natively: WordprocessingML parts in a
//! zip archive, no external program.
//!
//! The parts are written here rather than through a document-model crate: the report
//! needs a small fixed vocabulary (styled paragraphs, bold and italic runs, tables whose
//! header row repeats on every page, a page header and footer carrying the marking, the
//! symbol and page numbers), and `w:tblHeader` (repeated header rows) is not offered by
//! docx-rs 0.4. The output is deterministic: fixed part order, fixed zip timestamps.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::report::{Block, Report, Span};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Text escaped for XML: control characters made visible (XML 1.0 cannot hold them), then
/// the five special characters.
fn xml_text(s: &str) -> String {
    let clean = crate::text::inert(s);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Runs for a text with emphasis; newlines become line breaks.
fn runs(out: &mut String, text: &str, bold: bool, italic: bool) {
    let props = match (bold, italic) {
        (false, false) => String::new(),
        (b, i) => format!(
            "<w:rPr>{}{}</w:rPr>",
            if b { "<w:b/>" } else { "" },
            if i { "<w:i/>" } else { "" }
        ),
    };
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            let _ = write!(out, "<w:r>{props}<w:br/></w:r>");
        }
        if !line.is_empty() {
            let _ = write!(
                out,
                "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                xml_text(line.trim_end_matches('\r'))
            );
        }
    }
}

fn span_runs(out: &mut String, spans: &[Span]) {
    for s in spans {
        match s {
            Span::Text(t) => runs(out, t, false, false),
            Span::Strong(t) => runs(out, t, true, false),
            Span::Emph(t) => runs(out, t, false, true),
        }
    }
}

fn paragraph(out: &mut String, style: &str, extra_ppr: &str, body: impl FnOnce(&mut String)) {
    let _ = write!(
        out,
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{extra_ppr}</w:pPr>"
    );
    body(out);
    out.push_str("</w:p>");
}

fn table(out: &mut String, header: &[String], rows: &[Vec<Vec<String>>]) {
    let cols = header.len().max(1);
    // A4 text width at 2.5 cm margins: 9026 twentieths of a point.
    let width = 9026 / cols;
    out.push_str(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
         <w:tblBorders>",
    );
    for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            out,
            "<w:{edge} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
        );
    }
    out.push_str("</w:tblBorders><w:tblLayout w:type=\"autofit\"/></w:tblPr><w:tblGrid>");
    for _ in 0..cols {
        let _ = write!(out, "<w:gridCol w:w=\"{width}\"/>");
    }
    out.push_str("</w:tblGrid>");
    // The header row repeats at the top of every page the table runs onto.
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for h in header {
        cell(out, std::slice::from_ref(h), true, width);
    }
    out.push_str("</w:tr>");
    for row in rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for c in row {
            cell(out, c, false, width);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between two tables, or it merges them.
    out.push_str("<w:p/>");
}

fn cell(out: &mut String, lines: &[String], bold: bool, width: usize) {
    let _ = write!(
        out,
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"
    );
    let lines: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        out.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>");
    }
    for l in lines {
        paragraph(out, "TableText", "", |o| runs(o, l, bold, false));
    }
    out.push_str("</w:tc>");
}

fn document(r: &Report) -> String {
    let mut o = String::with_capacity(64 * 1024);
    o.push_str(XML_HEAD);
    let _ = write!(o, "<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>");
    for block in &r.blocks {
        match block {
            Block::Marking(c) => paragraph(&mut o, "Marking", "", |o| runs(o, c, true, false)),
            Block::Lines(lines) => paragraph(&mut o, "Normal", "", |o| {
                for (i, l) in lines.iter().enumerate() {
                    if i > 0 {
                        o.push_str("<w:r><w:br/></w:r>");
                    }
                    span_runs(o, l);
                }
            }),
            Block::Title(t) => paragraph(&mut o, "Title", "", |o| runs(o, t, false, false)),
            Block::Heading(level, t) => {
                let style = if *level <= 2 { "Heading1" } else { "Heading2" };
                paragraph(&mut o, style, "", |o| runs(o, t, false, false));
            }
            Block::Para(spans) => paragraph(&mut o, "Normal", "", |o| span_runs(o, spans)),
            Block::Numbered(n, spans) => paragraph(&mut o, "NumberedParagraph", "", |o| {
                let _ = write!(o, "<w:r><w:t xml:space=\"preserve\">{n}.</w:t></w:r>");
                o.push_str("<w:r><w:tab/></w:r>");
                span_runs(o, spans);
            }),
            Block::Bullets(items) => {
                for item in items {
                    paragraph(&mut o, "ListBullet", "", |o| {
                        o.push_str("<w:r><w:t xml:space=\"preserve\">•</w:t></w:r>");
                        o.push_str("<w:r><w:tab/></w:r>");
                        span_runs(o, item);
                    });
                }
            }
            Block::Table { header, rows } => table(&mut o, header, rows),
        }
    }
    o.push_str(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>\
         <w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
         <w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1418\" w:right=\"1440\" w:bottom=\"1418\" w:left=\"1440\" \
         w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
    );
    o
}

/// The page header: the marking, centred, and the document symbol.
fn header(r: &Report) -> String {
    let mut o = String::from(XML_HEAD);
    let _ = write!(o, "<w:hdr xmlns:w=\"{W}\" xmlns:r=\"{R}\">");
    if let Some(m) = &r.marking {
        paragraph(&mut o, "Marking", "", |o| runs(o, m, true, false));
    }
    let right = r.symbol.clone().unwrap_or_else(|| r.title.clone());
    paragraph(&mut o, "Header", "<w:jc w:val=\"right\"/>", |o| {
        runs(o, &right, false, false)
    });
    o.push_str("</w:hdr>");
    o
}

/// The page footer: page N of M, and the marking again.
fn footer(r: &Report) -> String {
    let mut o = String::from(XML_HEAD);
    let _ = write!(o, "<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\">");
    paragraph(&mut o, "Footer", "<w:jc w:val=\"center\"/>", |o| {
        o.push_str("<w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>");
        o.push_str("<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>");
        o.push_str("<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>");
        o.push_str("<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple>");
    });
    if let Some(m) = &r.marking {
        paragraph(&mut o, "Marking", "", |o| runs(o, m, true, false));
    }
    o.push_str("</w:ftr>");
    o
}

fn style(id: &str, name: &str, kind: &str, ppr: &str, rpr: &str, extra: &str) -> String {
    format!(
        "<w:style w:type=\"{kind}\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{extra}\
         <w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )
}

fn styles() -> String {
    let mut o = String::from(XML_HEAD);
    let _ = write!(o, "<w:styles xmlns:w=\"{W}\">");
    o.push_str(
        "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" \
         w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"24\"/>\
         <w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>\
         <w:spacing w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>",
    );
    let based = "<w:basedOn w:val=\"Normal\"/><w:qFormat/>";
    o.push_str(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">\
         <w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    );
    o.push_str(&style(
        "Title",
        "Title",
        "paragraph",
        "<w:jc w:val=\"center\"/><w:spacing w:before=\"240\" w:after=\"240\"/>",
        "<w:b/><w:sz w:val=\"32\"/>",
        based,
    ));
    o.push_str(&style(
        "Heading1",
        "heading 1",
        "paragraph",
        "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>",
        "<w:b/><w:sz w:val=\"28\"/>",
        based,
    ));
    o.push_str(&style(
        "Heading2",
        "heading 2",
        "paragraph",
        "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/>",
        "<w:b/><w:sz w:val=\"24\"/>",
        based,
    ));
    o.push_str(&style(
        "NumberedParagraph",
        "Numbered Paragraph",
        "paragraph",
        "<w:tabs><w:tab w:val=\"left\" w:pos=\"567\"/></w:tabs><w:ind w:left=\"567\" w:hanging=\"567\"/>\
         <w:jc w:val=\"both\"/>",
        "",
        based,
    ));
    o.push_str(&style(
        "ListBullet",
        "List Bullet",
        "paragraph",
        "<w:tabs><w:tab w:val=\"left\" w:pos=\"1134\"/></w:tabs><w:ind w:left=\"1134\" w:hanging=\"567\"/>\
         <w:spacing w:after=\"0\"/>",
        "",
        based,
    ));
    o.push_str(&style(
        "Marking",
        "Marking",
        "paragraph",
        "<w:jc w:val=\"center\"/><w:spacing w:after=\"0\"/>",
        "<w:b/><w:caps/>",
        based,
    ));
    o.push_str(&style(
        "TableText",
        "Table Text",
        "paragraph",
        "<w:spacing w:after=\"0\"/>",
        "<w:sz w:val=\"20\"/>",
        based,
    ));
    o.push_str(&style(
        "Header",
        "header",
        "paragraph",
        "<w:spacing w:after=\"0\"/>",
        "<w:sz w:val=\"20\"/>",
        based,
    ));
    o.push_str(&style(
        "Footer",
        "footer",
        "paragraph",
        "<w:spacing w:after=\"0\"/>",
        "<w:sz w:val=\"20\"/>",
        based,
    ));
    o.push_str(
        "<w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val=\"Report Table\"/>\
         <w:tblPr><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" \
         w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    );
    o.push_str("</w:styles>");
    o
}

fn content_types() -> String {
    format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
         <Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
         <Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
         <Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         </Types>"
    )
}

fn package_rels() -> String {
    format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{R}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         </Relationships>"
    )
}

fn document_rels() -> String {
    format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rIdStyles\" Type=\"{R}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rIdSettings\" Type=\"{R}/settings\" Target=\"settings.xml\"/>\
         <Relationship Id=\"rIdHeader\" Type=\"{R}/header\" Target=\"header1.xml\"/>\
         <Relationship Id=\"rIdFooter\" Type=\"{R}/footer\" Target=\"footer1.xml\"/>\
         </Relationships>"
    )
}

fn settings() -> String {
    format!(
        "{XML_HEAD}<w:settings xmlns:w=\"{W}\"><w:updateFields w:val=\"true\"/>\
         <w:defaultTabStop w:val=\"567\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
    )
}

fn core(r: &Report) -> String {
    let mut subject = r.subtitle.clone();
    if let Some(m) = &r.marking {
        subject = format!("{subject}, {m}");
    }
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title>\
         <dc:subject>{}</dc:subject><dc:creator>rapporteur</dc:creator></cp:coreProperties>",
        xml_text(&r.title),
        xml_text(&subject)
    )
}

/// The parts of the Word file, by name, in the order they are stored.
pub fn parts(r: &Report) -> Vec<(&'static str, String)> {
    vec![
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core(r)),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/document.xml", document(r)),
        ("word/styles.xml", styles()),
        ("word/settings.xml", settings()),
        ("word/header1.xml", header(r)),
        ("word/footer1.xml", footer(r)),
    ]
}

/// The report as the bytes of a .docx file.
pub fn to_docx(r: &Report) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts(r) {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped_and_holds_no_control_characters() {
        assert_eq!(xml_text("a & <b> \"c\""), "a &amp; &lt;b&gt; &quot;c&quot;");
        let s = xml_text("bell \u{7} esc \u{1b}[2J");
        assert!(s.chars().all(|c| c as u32 >= 0x20), "{s:?}");
    }
}
