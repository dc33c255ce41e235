package io.ovneip.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link OvsdbServer} (database from {@link WithSchema}, default OVN_Northbound) and
 * {@link OvsdbCluster} (3-member OVN_Northbound) parameters of tests, lifecycle methods and
 * constructors. Each parameter gets its own fresh daemons; they live as long as the scope that
 * asked for them (a {@code @BeforeAll} parameter: the whole class; a test parameter: that test) and
 * are closed by JUnit when the scope ends, pass or fail: daemons stopped, temp dirs deleted.
 *
 * <pre>{@code
 * @ExtendWith(OvsdbExtension.class)
 * class MyIT {
 *   @Test void writes(@WithSchema(Schema.OPEN_VSWITCH) OvsdbServer ovs, OvsdbCluster nb) { ... }
 * }
 * }</pre>
 */
public final class OvsdbExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(OvsdbExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    Class<?> type = pc.getParameter().getType();
    return type == OvsdbServer.class || type == OvsdbCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    AutoCloseable resource;
    if (pc.getParameter().getType() == OvsdbCluster.class) {
      resource = OvsdbCluster.start();
    } else {
      Schema schema = pc.findAnnotation(WithSchema.class).map(WithSchema::value).orElse(Schema.NB);
      resource = OvsdbServer.start(schema);
    }
    // JUnit closes AutoCloseable store values when the owning context closes.
    ec.getStore(NS).put(new Object(), resource);
    return resource;
  }
}
