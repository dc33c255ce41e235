package io.ovneip.kubeapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.zjsonpatch.JsonPatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class JsonMergePatchTest {

  private final Json json = new Json();

  /** RFC 7386 Appendix A, every row, written with single quotes for readability. */
  static Stream<Arguments> rfc7386AppendixA() {
    return Stream.of(
        Arguments.of("{'a':'b'}", "{'a':'c'}", "{'a':'c'}"),
        Arguments.of("{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}"),
        Arguments.of("{'a':'b'}", "{'a':null}", "{}"),
        Arguments.of("{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}"),
        Arguments.of("{'a':['b']}", "{'a':'c'}", "{'a':'c'}"),
        Arguments.of("{'a':'c'}", "{'a':['b']}", "{'a':['b']}"),
        Arguments.of("{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}"),
        Arguments.of("{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}"),
        Arguments.of("['a','b']", "['c','d']", "['c','d']"),
        Arguments.of("{'a':'b'}", "['c']", "['c']"),
        Arguments.of("{'a':'foo'}", "null", "null"),
        Arguments.of("{'a':'foo'}", "'bar'", "'bar'"),
        Arguments.of("{'e':null}", "{'a':1}", "{'e':null,'a':1}"),
        Arguments.of("[1,2]", "{'a':'b','c':null}", "{'a':'b'}"),
        Arguments.of("{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}"));
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @MethodSource("rfc7386AppendixA")
  void appliesRfc7386(String target, String patch, String expected) {
    JsonNode result = JsonMergePatch.apply(read(target), read(patch));

    assertThat(result).isEqualTo(read(expected));
  }

  @Test
  void removingOneAnnotationKeepsTheOthersAndLeavesNoNull() {
    JsonNode pod =
        read("{'metadata':{'annotations':{'ovn.kubernetes.io/routed':'true','keep':'1'}}}");

    JsonNode result =
        JsonMergePatch.apply(
            pod, read("{'metadata':{'annotations':{'ovn.kubernetes.io/routed':null}}}"));

    assertThat(result).isEqualTo(read("{'metadata':{'annotations':{'keep':'1'}}}"));
  }

  @Test
  void doesNotModifyItsInputs() {
    JsonNode target = read("{'a':{'b':'c'}}");
    JsonNode patch = read("{'a':{'b':null,'d':'e'}}");

    JsonMergePatch.apply(target, patch);

    assertThat(target).isEqualTo(read("{'a':{'b':'c'}}"));
    assertThat(patch).isEqualTo(read("{'a':{'b':null,'d':'e'}}"));
  }

  @Test
  void strategicDirectivesAreDroppedAtEveryDepth() {
    JsonNode patch =
        read(
            "{'$patch':'merge','metadata':{'annotations':{'a':'1'}},'spec':{"
                + "'$setElementOrder/containers':[{'name':'c'}],"
                + "'containers':[{'name':'c','image':'i','$retainKeys':['x']}]}}");

    assertThat(JsonMergePatch.withoutDirectives(patch))
        .isEqualTo(
            read(
                "{'metadata':{'annotations':{'a':'1'}},'spec':{'containers':[{'name':'c','image':'i'}]}}"));
  }

  static Stream<Arguments> documentPairs() {
    return Stream.of(
        Arguments.of("{'a':1}", "{'a':1}"),
        Arguments.of("{'a':1,'b':{'c':[1,2]}}", "{'b':{'c':[2],'d':null},'e':'f'}"),
        Arguments.of(
            "{'metadata':{'annotations':{'ovn.kubernetes.io/eip':'1','x~y':'2'}}}",
            "{'metadata':{'annotations':{'ovn.kubernetes.io/eip':'3','a/b~c':'4'}}}"),
        Arguments.of("{'a':{'b':1}}", "{'a':[1]}"),
        Arguments.of("{'a':'x'}", "{}"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("documentPairs")
  void diffAppliedWithJsonPatchGivesTheTarget(String source, String target) {
    JsonNode ops = JsonPatchDiff.diff(read(source), read(target));

    assertThat(JsonPatch.apply(ops, read(source))).isEqualTo(read(target));
    ops.forEach(op -> assertThat(op.path("op").asString()).isIn("add", "remove", "replace"));
  }

  @Test
  void diffOfEqualDocumentsIsEmpty() {
    assertThat(JsonPatchDiff.diff(read("{'a':[1,{'b':2}]}"), read("{'a':[1,{'b':2}]}"))).isEmpty();
  }

  @Test
  void diffEscapesJsonPointerTokens() {
    JsonNode ops = JsonPatchDiff.diff(read("{'m':{}}"), read("{'m':{'a/b~c':'1'}}"));

    assertThat(ops.get(0).path("path").asString()).isEqualTo("/m/a~1b~0c");
  }

  private JsonNode read(String singleQuoted) {
    return json.read(singleQuoted.replace('\'', '"'));
  }
}
