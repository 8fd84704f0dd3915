//! A small element tree over quick-xml, enough to walk WordprocessingML parts.
//!
//! Contract: `parse` never panics; malformed XML, a non-XML part or nesting
//! deeper than [`MAX_DEPTH`] is an `Err(())`, so walks over the tree can recurse
//! without risk. Names are kept as written (`w:p`), as Word and every tool we
//! know write the WordprocessingML prefixes.

use quick_xml::events::Event;

/// Deeper nesting than any real document part has; guards the recursive walks.
pub const MAX_DEPTH: usize = 256;

#[derive(Debug, Clone, Default)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub kids: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    El(El),
    Text(String),
}

impl El {
    /// The value of the attribute named `key` (qualified, e.g. `w:val`).
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The child elements, in order.
    pub fn els(&self) -> impl Iterator<Item = &El> {
        self.kids.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&El> {
        self.els().find(|e| e.name == name)
    }

    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> {
        self.els().filter(move |e| e.name == name)
    }

    /// The text directly inside this element.
    pub fn text(&self) -> String {
        self.kids
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::El(_) => None,
            })
            .collect()
    }

    /// The first element named `name` anywhere below (depth-first).
    pub fn find(&self, name: &str) -> Option<&El> {
        for e in self.els() {
            if e.name == name {
                return Some(e);
            }
            if let Some(found) = e.find(name) {
                return Some(found);
            }
        }
        None
    }
}

/// The root element of `xml`.
pub fn parse(xml: &str) -> Result<El, ()> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<El> = vec![El::default()];
    loop {
        let event = reader.read_event().map_err(|_| ())?;
        match event {
            Event::Start(_) if stack.len() > MAX_DEPTH => return Err(()),
            Event::Start(e) => stack.push(element(&e)?),
            Event::Empty(e) => {
                let el = element(&e)?;
                stack.last_mut().ok_or(())?.kids.push(Node::El(el));
            }
            Event::End(_) => {
                let done = stack.pop().ok_or(())?;
                stack.last_mut().ok_or(())?.kids.push(Node::El(done));
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &*r {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "apos" => Some('\''),
                        "quot" => Some('"'),
                        _ => None,
                    },
                    Err(_) => None,
                };
                if let Some(c) = c {
                    push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(());
    }
    let root = stack.pop().ok_or(())?;
    root.els().next().cloned().ok_or(())
}

fn element(e: &quick_xml::events::BytesStart) -> Result<El, ()> {
    let name = e.name().as_ref().to_string();
    let mut attrs = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|_| ())?;
        let key = a.key.as_ref().to_string();
        let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|_| ())?.into_owned();
        attrs.push((key, value));
    }
    Ok(El { name, attrs, kids: Vec::new() })
}

fn push_text(stack: &mut [El], text: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(last)) = top.kids.last_mut() {
            last.push_str(text);
        } else {
            top.kids.push(Node::Text(text.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_attributes_and_entities() {
        let root = parse(r#"<?xml version="1.0"?><w:p a="1 &amp; 2"><w:t>x &lt; y&#x20AB;</w:t><w:br/></w:p>"#).unwrap();
        assert_eq!(root.name, "w:p");
        assert_eq!(root.attr("a"), Some("1 & 2"));
        assert_eq!(root.child("w:t").unwrap().text(), "x < y₫");
        assert!(root.child("w:br").is_some());
    }

    #[test]
    fn broken_or_too_deep_xml_is_an_error() {
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a>").is_err());
        assert!(parse("").is_err());
        assert!(parse("\u{0}\u{1}garbage").is_err());
        let deep = "<a>".repeat(MAX_DEPTH + 10) + &"</a>".repeat(MAX_DEPTH + 10);
        assert!(parse(&deep).is_err());
    }
}
