//! A very small XML tree: how the tests read the parts we write.
//!
//! Contract: `parse` accepts the well-formed, namespace-prefixed XML that
//! docx-rs writes (declaration, elements, double- or single-quoted attributes,
//! character data, comments and CDATA kept as raw text). Attribute values and
//! text are kept exactly as escaped in the input, so `serialize(parse(x))`
//! changes nothing but insignificant markup (`<a />` becomes `<a/>`). It is not
//! a general XML parser: no DTDs, no entity expansion.

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Element(Element),
    /// Raw (still escaped) character data, or a comment / CDATA section.
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Element {
    pub name: String,
    /// (qualified name, raw escaped value), in document order.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// A parsed part: everything before the root element (the declaration) and the root.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct XmlDoc {
    pub prolog: String,
    pub root: Element,
}

impl Element {
    pub fn new(name: &str) -> Element {
        Element { name: name.to_string(), attrs: Vec::new(), children: Vec::new() }
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// Every element in the subtree (self first), depth first.
    #[cfg(test)]
    pub fn descendants(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for e in self.elements() {
            out.extend(e.descendants());
        }
        out
    }

    /// Concatenated raw text of the subtree.
    #[cfg(test)]
    pub fn text(&self) -> String {
        let mut s = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) => s.push_str(t),
                Node::Element(e) => s.push_str(&e.text()),
            }
        }
        s
    }

    fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        for (n, v) in &self.attrs {
            out.push(' ');
            out.push_str(n);
            out.push_str("=\"");
            out.push_str(v);
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for c in &self.children {
            match c {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.write(out),
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }
}

impl XmlDoc {
    pub fn serialize(&self) -> String {
        let mut out = self.prolog.clone();
        self.root.write(&mut out);
        out
    }
}

#[derive(Debug)]
pub(crate) struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "XML parse error: {}", self.0)
    }
}

pub(crate) fn parse(src: &str) -> Result<XmlDoc, ParseError> {
    let mut p = Parser { s: src, i: 0 };
    // Prolog: declaration, comments, whitespace, up to the root element.
    let start = p.i;
    loop {
        p.skip_ws();
        if p.rest().starts_with("<?") {
            p.until("?>")?;
        } else if p.rest().starts_with("<!--") {
            p.until("-->")?;
        } else {
            break;
        }
    }
    let prolog = src[start..p.i].to_string();
    if !p.rest().starts_with('<') {
        return Err(ParseError("no root element".into()));
    }
    let root = p.element()?;
    p.skip_ws();
    if !p.rest().is_empty() {
        return Err(ParseError(format!("trailing content at byte {}", p.i)));
    }
    Ok(XmlDoc { prolog, root })
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.i..]
    }

    fn skip_ws(&mut self) {
        let r = self.rest();
        self.i += r.len() - r.trim_start().len();
    }

    /// Advances past the next `pat`, returning the text before it.
    fn until(&mut self, pat: &str) -> Result<&'a str, ParseError> {
        let r = self.rest();
        let at = r.find(pat).ok_or_else(|| ParseError(format!("missing {pat:?}")))?;
        self.i += at + pat.len();
        Ok(&r[..at])
    }

    fn name(&mut self) -> Result<String, ParseError> {
        let r = self.rest();
        let end = r.find(|c: char| c.is_whitespace() || c == '>' || c == '/' || c == '=').unwrap_or(r.len());
        if end == 0 {
            return Err(ParseError(format!("expected a name at byte {}", self.i)));
        }
        self.i += end;
        Ok(r[..end].to_string())
    }

    fn element(&mut self) -> Result<Element, ParseError> {
        debug_assert!(self.rest().starts_with('<'));
        self.i += 1;
        let mut el = Element::new(&self.name()?);
        loop {
            self.skip_ws();
            let r = self.rest();
            if r.starts_with("/>") {
                self.i += 2;
                return Ok(el);
            }
            if r.starts_with('>') {
                self.i += 1;
                break;
            }
            let an = self.name()?;
            self.skip_ws();
            if !self.rest().starts_with('=') {
                return Err(ParseError(format!("attribute {an} without value")));
            }
            self.i += 1;
            self.skip_ws();
            let q = self.rest().chars().next().ok_or_else(|| ParseError("eof".into()))?;
            if q != '"' && q != '\'' {
                return Err(ParseError(format!("unquoted attribute {an}")));
            }
            self.i += 1;
            let raw = self.until(if q == '"' { "\"" } else { "'" })?;
            // Normalise to double quotes for serialisation.
            let v = if q == '\'' { raw.replace('"', "&quot;") } else { raw.to_string() };
            el.attrs.push((an, v));
        }
        // Content.
        loop {
            let r = self.rest();
            if r.is_empty() {
                return Err(ParseError(format!("unclosed <{}>", el.name)));
            }
            if r.starts_with("</") {
                self.i += 2;
                let n = self.name()?;
                if n != el.name {
                    return Err(ParseError(format!("</{n}> closes <{}>", el.name)));
                }
                self.skip_ws();
                if !self.rest().starts_with('>') {
                    return Err(ParseError("bad end tag".into()));
                }
                self.i += 1;
                return Ok(el);
            }
            if r.starts_with("<!--") {
                let start = self.i;
                self.until("-->")?;
                el.children.push(Node::Text(self.s[start..self.i].to_string()));
            } else if r.starts_with("<![CDATA[") {
                let start = self.i;
                self.until("]]>")?;
                el.children.push(Node::Text(self.s[start..self.i].to_string()));
            } else if r.starts_with('<') {
                el.children.push(Node::Element(self.element()?));
            } else {
                let end = r.find('<').unwrap_or(r.len());
                el.children.push(Node::Text(r[..end].to_string()));
                self.i += end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_content() {
        let src = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:p a="1" b='x"y'><w:r><w:t xml:space="preserve">Độc &amp; lập</w:t></w:r><w:br /></w:p>"#;
        let d = parse(src).unwrap();
        assert_eq!(d.root.name, "w:p");
        assert_eq!(d.root.attr("b"), Some("x&quot;y"));
        assert_eq!(d.root.text(), "Độc &amp; lập");
        let out = d.serialize();
        assert_eq!(
            out,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:p a="1" b="x&quot;y"><w:r><w:t xml:space="preserve">Độc &amp; lập</w:t></w:r><w:br/></w:p>"#
        );
        assert_eq!(parse(&out).unwrap(), d);
    }

    #[test]
    fn rejects_mismatched_tags() {
        assert!(parse("<a><b></a>").is_err());
    }
}
