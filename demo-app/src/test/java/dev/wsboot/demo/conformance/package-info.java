/**
 * A strict conformance suite for the server, carrying the coverage of the
 * Autobahn|Testsuite fuzzingclient (groups 1 to 7, 9 and 10) into JUnit, since the Python
 * 2 suite cannot run here.
 * <ul>
 * <li>{@link dev.wsboot.demo.conformance.RawWebSocketClient}: a client on a plain socket
 * (bounded read timeout, a reader thread, every wait bounded) that sends any bytes, in
 * one write or in chops, and records frames, the close and the server's TCP close.</li>
 * <li>{@link dev.wsboot.demo.conformance.OutFrame}: frames as a fuzzer sends them: any
 * opcode, RSV bits, masking, declared length.</li>
 * <li>{@link dev.wsboot.demo.conformance.Conversation}: the judge: exact echoes, exact
 * close codes, fail-fast UTF-8, the server closing TCP.</li>
 * <li>{@link dev.wsboot.demo.conformance.AutobahnCases},
 * {@link dev.wsboot.demo.conformance.WsbootExtraCases}: the cases, numbered as in
 * Autobahn's reports (wsboot's own ones in group {@code x}).</li>
 * <li>{@link dev.wsboot.demo.conformance.AutobahnConformanceTests}: one parameterized
 * test per case against the demo application's {@code /echo};
 * {@link dev.wsboot.demo.conformance.ConformanceReport} writes
 * {@code target/conformance-report.md}.</li>
 * <li>{@link dev.wsboot.demo.conformance.ConformanceCheckerTests}: proves the judge fails
 * servers that break the rules ({@link dev.wsboot.demo.conformance.FlawedEchoServer}).
 * </li>
 * </ul>
 * Run: {@code ./mvnw -B -pl demo-app -am verify -Dtest='AutobahnConformanceTests'
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
package dev.wsboot.demo.conformance;
