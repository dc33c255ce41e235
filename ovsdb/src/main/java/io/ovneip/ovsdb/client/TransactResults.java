package io.ovneip.ovsdb.client;

import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OperationResult;
import io.ovneip.ovsdb.protocol.codec.CodecException;
import io.ovneip.ovsdb.protocol.codec.OperationCodec;
import io.ovneip.ovsdb.protocol.schema.DatabaseSchema;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Turns a {@code transact} result array (RFC 7047 section 4.1.3) into results or an exception. */
final class TransactResults {
  private TransactResults() {}

  /**
   * One result per operation. The first element holding an {@code error} (its successors are null)
   * becomes an {@link OvsdbTransactionException}; so does an extra element after the last
   * operation, which is how the server reports commit-time failures such as {@code "referential
   * integrity violation"} and {@code "constraint violation"}.
   */
  static List<OperationResult> decode(JsonNode result, List<Operation> ops, DatabaseSchema schema) {
    if (result == null || !result.isArray() || result.size() < ops.size()) {
      throw new OvsdbProtocolException(
          "transact result is not an array of at least " + ops.size() + " elements: " + result);
    }
    List<OperationResult> results = new ArrayList<>(ops.size());
    for (int i = 0; i < result.size(); i++) {
      JsonNode r = result.get(i);
      if (r != null && r.isObject() && r.has("error") && !r.get("error").isNull()) {
        JsonNode details = r.get("details");
        throw new OvsdbTransactionException(
            i,
            ops.size(),
            r.get("error").asString(r.get("error").toString()),
            details == null || details.isNull() ? null : details.asString(details.toString()),
            results);
      }
      if (i < ops.size()) {
        if (r == null || !r.isObject()) {
          throw new OvsdbProtocolException("result " + i + " is not an object: " + r);
        }
        try {
          results.add(OperationCodec.decodeResult(r, ops.get(i), schema));
        } catch (CodecException e) {
          throw new OvsdbProtocolException("result " + i + ": " + e.getMessage(), e);
        }
      }
    }
    return results;
  }
}
