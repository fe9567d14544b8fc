package dev.wfm.local.stepfunctions.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value in a definition that may hold {@code {% expression %}} strings at any depth.
 * Subtrees without expressions stay one literal; values are never mutated, so sharing them is safe.
 */
public sealed interface Template {

    Object evaluate(Bindings bindings) throws StatesError;

    /** A non-negative whole number, for a field such as Seconds or TimeoutSeconds. */
    default long wholeNumber(Bindings bindings, String field) throws StatesError {
        Object value = evaluate(bindings);
        if (value instanceof Number number && number.doubleValue() >= 0 && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        throw new StatesError(StatesError.QUERY_EVALUATION_ERROR,
                "The value of " + field + " must be a non-negative integer, not " + JsonValues.write(value));
    }

    /** JSON without expressions. */
    record Literal(Object value) implements Template {
        @Override
        public Object evaluate(Bindings bindings) {
            return value;
        }
    }

    record Expression(JsonataExpression expression) implements Template {
        @Override
        public Object evaluate(Bindings bindings) throws StatesError {
            return expression.evaluate(bindings);
        }
    }

    record ObjectTemplate(Map<String, Template> fields) implements Template {
        @Override
        public Object evaluate(Bindings bindings) throws StatesError {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Template> field : fields.entrySet()) {
                out.put(field.getKey(), field.getValue().evaluate(bindings));
            }
            return out;
        }
    }

    record ArrayTemplate(List<Template> items) implements Template {
        @Override
        public Object evaluate(Bindings bindings) throws StatesError {
            List<Object> out = new ArrayList<>(items.size());
            for (Template item : items) {
                out.add(item.evaluate(bindings));
            }
            return out;
        }
    }
}
