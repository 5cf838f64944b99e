/* DRL (Drools Rule Language) highlighting for CodeMirror 5's simple mode. */
CodeMirror.defineSimpleMode("drl", {
  start: [
    { regex: /"(?:[^\\"]|\\.)*"?/, token: "string" },
    { regex: /\/\/.*/, token: "comment" },
    { regex: /\/\*/, token: "comment", next: "comment" },
    { regex: /@[A-Za-z_]\w*/, token: "meta" },
    { regex: /(?:package|import|rule|when|then|end|salience|no-loop|lock-on-active|agenda-group|activation-group|dialect|global|function|query|declare|extends|not|exists|forall|and|or|eval|from|collect|accumulate|insert|insertLogical|update|modify|retract|delete|new|true|false|null|if|else|return)\b/, token: "keyword" },
    { regex: /\$[A-Za-z_]\w*/, token: "variable-2" },
    { regex: /[A-Z][A-Za-z0-9_]*/, token: "variable-3" },
    { regex: /-?\d+(?:\.\d+)?/, token: "number" },
    { regex: /==|!=|>=|<=|&&|\|\||[-+*\/<>!=]/, token: "operator" },
    { regex: /[a-z_]\w*/, token: "variable" }
  ],
  comment: [
    { regex: /.*?\*\//, token: "comment", next: "start" },
    { regex: /.*/, token: "comment" }
  ],
  meta: { lineComment: "//" }
});
