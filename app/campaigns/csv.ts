/** One record of a CSV file, with the line it starts on (1 = the first line of the file). */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** A quoted field that never closed: the record ran to the end of the file. */
  unclosedQuote?: boolean;
}

/**
 * Parses CSV text as spreadsheets save it (RFC 4180): commas, double-quoted fields
 * with "" for a quote, line breaks inside quotes, CRLF or LF line ends, a UTF-8 byte
 * order mark. Blank lines are skipped but still counted, so line numbers match what
 * a person sees in a text editor.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let recordHasContent = false;

  const endField = () => {
    fields.push(field);
    field = "";
  };
  const endRecord = (unclosedQuote = false) => {
    endField();
    if (recordHasContent || fields.length > 1) {
      records.push(unclosedQuote ? { line: recordLine, fields, unclosedQuote } : { line: recordLine, fields });
    }
    fields = [];
    recordHasContent = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      quoted = true;
      recordHasContent = true;
    } else if (c === ",") {
      endField();
      recordHasContent = true;
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      if (c.trim() !== "") recordHasContent = true;
    }
  }
  if (quoted || field !== "" || fields.length > 0 || recordHasContent) endRecord(quoted);
  return records;
}
