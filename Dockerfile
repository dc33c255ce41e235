# The one image for both programs: `ovn-eip controller` and `ovn-eip agent`.
# Build: docker build -t ghcr.io/ovn-eip/ovn-eip:0.1.0 .   (needs a container engine; the
# development machines of this project have none, so the recipe is not built in CI).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests -Dspotless.check.skip=true package -pl cli -am

FROM eclipse-temurin:17-jre
COPY --from=build /src/cli/target/ovn-eip.jar /opt/ovn-eip/ovn-eip.jar
USER 65532:65532
ENTRYPOINT ["sh", "-c", "exec java $OVN_EIP_JAVA_OPTS -jar /opt/ovn-eip/ovn-eip.jar \"$@\"", "ovn-eip"]
