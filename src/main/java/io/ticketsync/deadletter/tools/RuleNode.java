package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule file's tree with the line of every value and field name, which Jackson's own trees drop:
 * refusals name the line to fix.
 *
 * @param scalar the value when neither an object nor an array, else null
 * @param fields an object's fields in file order, else null
 * @param items  an array's items, else null
 */
record RuleNode(int line, JsonNode scalar, List<Field> fields, List<RuleNode> items) {

    /** A field of an object, at the line of its name. */
    record Field(String name, int line, RuleNode value) {
    }

    boolean isObject() {
        return fields != null;
    }

    boolean isArray() {
        return items != null;
    }

    boolean isText() {
        return scalar != null && scalar.isTextual();
    }

    /** Reads the value at the parser's current token, which it leaves on the value's last token. */
    static RuleNode read(final JsonParser parser) throws IOException {
        final int line = parser.currentTokenLocation().getLineNr();
        final JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            final List<Field> fields = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                final String name = parser.currentName();
                final int nameLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                fields.add(new Field(name, nameLine, read(parser)));
            }
            return new RuleNode(line, null, fields, null);
        }
        if (token == JsonToken.START_ARRAY) {
            final List<RuleNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(parser));
            }
            return new RuleNode(line, null, null, items);
        }
        return new RuleNode(line, scalar(parser, token), null, null);
    }

    private static JsonNode scalar(final JsonParser parser, final JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT:
                // As the letters' own parser types them, so an equal number compares equal.
                return parser.getNumberType() == JsonParser.NumberType.INT ? JsonNodeFactory.instance.numberNode(parser.getIntValue())
                        : parser.getNumberType() == JsonParser.NumberType.LONG ? JsonNodeFactory.instance.numberNode(parser.getLongValue())
                        : JsonNodeFactory.instance.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return JsonNodeFactory.instance.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return BooleanNode.valueOf(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                throw new JsonParseException(parser, "unexpected " + token);
        }
    }
}
