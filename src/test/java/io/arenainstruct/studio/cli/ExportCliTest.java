package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.adjudication.OverrideReason;
import io.arenainstruct.studio.domain.adjudication.VoteWrite;
import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.service.arena.ArenaFixture;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.workspace.DataDirectories;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.testserver.FakeModelServer;

/**
 * {@code export} end to end: the Arena-Hard sample (40 questions, answers of gpt-4-0314 and gpt-3.5-turbo-0125), a
 * judge behind a key answering from an in-test server in two games per battle, people's verdicts on four battles,
 * then every format. Each row is checked here against its format's rules as TRL and the chat formats state them,
 * written out below rather than taken from the exporter.
 */
class ExportCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNSET_VAR = "ARENAINSTRUCT_TEST_NEVER_SET_KEY";
    private static final String OTHER = ArenaFixture.OTHER;

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private Path store;
    private FakeModelServer server;
    private String key;
    /** Battles the judge gives to gpt-3.5-turbo-0125, and those people voted on. */
    private final List<Long> otherWins = new ArrayList<>();

    @BeforeEach
    void judgedAndAdjudicated() throws IOException {
        store = tmp.resolve("store");
        server = FakeModelServer.start();
        key = plantedKey();
        KeyResolver.system(DataDirectories.userDataDir().resolve("secrets.properties"))
                .storeKey("judge", key);
        server.requireApiKey(key);
        ArenaFixture.Battles sample;
        try (Workspace ws = ArenaFixture.open(store)) {
            ArenaFixture.importSampleWithBattles(ws);
            sample = new ArenaFixture.Battles(ws);
        }
        // every third battle a tie; of the rest, even ids go to the baseline strongly, odd ones to the other model
        server.replyWith(sample.judge(g -> {
            long id = g.battle().id();
            if (id % 3 == 0) {
                return "[[A=B]]";
            }
            boolean baselineWins = id % 2 == 0;
            boolean firstWins = baselineWins == g.baselineFirst();
            return baselineWins ? (firstWins ? "[[A>>B]]" : "[[B>>A]]") : (firstWins ? "[[A>B]]" : "[[B>A]]");
        }));
        CliRun add = CliRun.on(
                store,
                "models",
                "add",
                "judge",
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                "judge-model",
                "--api-key-env",
                UNSET_VAR);
        assertThat(add.code()).as(add.err()).isZero();
        CliRun judged = CliRun.on(store, "judge", "--judges", "judge");
        assertThat(judged.code()).as(judged.err()).isZero();
        try (Workspace ws = ArenaFixture.open(store)) {
            for (Battle b : sample.all()) {
                if (b.id() % 3 != 0 && b.id() % 2 == 1) {
                    otherWins.add(b.id());
                }
            }
            // people overturn the first two of the baseline's strong wins for the other model, with a reason
            List<Battle> strong = sample.all().stream()
                    .filter(b -> b.id() % 3 != 0 && b.id() % 2 == 0)
                    .limit(2)
                    .toList();
            for (Battle b : strong) {
                Outcome forOther = b.modelA().equals(OTHER) ? Outcome.A : Outcome.B;
                GradedLabel label = forOther == Outcome.A ? GradedLabel.A_BETTER : GradedLabel.B_BETTER;
                VoteWrite w = ws.adjudication().vote(new HumanVote(b.id(), "ann", forOther, label, false, false, null));
                ws.adjudication().reason(w.verdictId(), OverrideReason.WRONG_FACT, "cites a wrong year");
            }
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun export(Object... args) {
        return CliRun.on(store, args);
    }

    @Test
    void everyFormatWritesRowsThatKeepItsRules() throws Exception {
        for (String format : List.of("openai", "sharegpt", "alpaca")) {
            Path out = tmp.resolve(format + ".jsonl");
            CliRun run = export("export", "--format", format, "--select", "sft", "--out", out, "--metadata");
            assertThat(run.code()).as(run.err()).isZero();
            List<JsonNode> rows = rows(out);
            assertThat(rows).isNotEmpty();
            rows.forEach(r -> checkSft(format, r));
        }
        for (String format : List.of("dpo", "dpo-chat")) {
            Path out = tmp.resolve(format + ".jsonl");
            CliRun run = export("export", "--format", format, "--out", out, "--metadata");
            assertThat(run.code()).as(run.err()).isZero();
            rows(out).forEach(r -> checkPreference(format, r));
        }
        Path kto = tmp.resolve("kto.jsonl");
        assertThat(export("export", "--format", "kto", "--out", kto, "--metadata")
                        .code())
                .isZero();
        List<JsonNode> ktoRows = rows(kto);
        ktoRows.forEach(ExportCliTest::checkUnpaired);
        assertThat(ktoRows.stream().filter(r -> r.get("label").asBoolean())).hasSize(ktoRows.size() / 2);

        // the key the judge was called with is in no file
        for (Path f : List.of(tmp.resolve("openai.jsonl"), tmp.resolve("dpo.jsonl"), kto)) {
            assertThat(Files.readString(f, StandardCharsets.UTF_8)).doesNotContain(key);
        }
    }

    @Test
    void arenaLearningSftTakesTheWinnersOfTheBattlesTheTargetLost() throws Exception {
        Path out = tmp.resolve("sft.jsonl");
        CliRun run = export(
                "export", "--format", "openai", "--select", "sft", "--target", OTHER, "--out", out, "--metadata");
        assertThat(run.code()).as(run.err()).isZero();
        List<JsonNode> rows = rows(out);
        // the other model lost every battle the judge gave the baseline (even ids, not a multiple of 3) except the
        // two people overturned
        long lost =
                sampleIds().stream().filter(id -> id % 3 != 0 && id % 2 == 0).count() - 2;
        assertThat(rows).hasSize((int) lost);
        for (JsonNode r : rows) {
            JsonNode meta = r.get("metadata");
            assertThat(meta.get("winner").asText()).isEqualTo(ArenaFixture.BASELINE);
            assertThat(meta.get("decided_by").asText()).isEqualTo("judge");
            assertThat(meta.get("judge_games")).hasSize(3);
            assertThat(meta.get("judge_games").get(0).get("judge").asText()).isEqualTo("judge-model");
            assertThat(meta.get("datasets").get(0).get("name").asText()).isEqualTo("arena-hard-v0.1");
        }
        assertThat(run.out()).startsWith(lost + " of ");

        // strong-only keeps the same (the baseline's wins were strong); the people's two are not among them
        Path dpo = tmp.resolve("dpo.jsonl");
        assertThat(export("export", "--format", "dpo", "--human-only", "--out", dpo, "--metadata")
                        .code())
                .isZero();
        List<JsonNode> human = rows(dpo);
        assertThat(human).hasSize(2);
        JsonNode person = human.get(0).get("metadata").get("people").get(0);
        assertThat(person.get("annotator").asText()).isEqualTo("ann");
        assertThat(person.get("override_reason").asText()).isEqualTo("wrong-fact");
        assertThat(person.get("override_text").asText()).isEqualTo("cites a wrong year");
    }

    @Test
    void nothingSelectedSaysWhichRuleAndWritesNothing() {
        Path out = tmp.resolve("none.jsonl");
        CliRun run = export(
                "export", "--format", "kto", "--target", OTHER, "--human-only", "--dataset", "nope", "--out", out);
        assertThat(run.code()).as(run.out() + "|" + run.err()).isEqualTo(Cli.REJECTED);
        assertThat(run.err())
                .isEqualTo("rejected: There is no dataset named nope; the datasets are arena-hard-v0.1.\n");
        assertThat(out).doesNotExist();
        CliRun empty = export("export", "--format", "kto", "--category", "nope", "--out", out);
        assertThat(empty.code()).as(empty.out() + "|" + empty.err()).isEqualTo(Cli.REJECTED);
        assertThat(empty.err())
                .isEqualTo("Nothing to export: no battles match the scope chosen (category nope). Nothing was"
                        + " written.\n");
        assertThat(out).doesNotExist();

        CliRun ties = export(
                "export", "--format", "openai", "--select", "sft", "--human-only", "--target", OTHER, "--out", out);
        // people decided two battles, both for the other model: it lost none of them
        assertThat(ties.code()).isEqualTo(Cli.REJECTED);
        assertThat(ties.err())
                .isEqualTo("Nothing to export: of 40 battles, 38 had no verdict from people, 2 were not lost by "
                        + OTHER + ". Nothing was written.\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void anExistingFileIsReplacedOnlyWithForce() throws Exception {
        Path out = tmp.resolve("pairs.jsonl");
        Files.writeString(out, "mine\n");
        CliRun refused = export("export", "--format", "dpo", "--out", out);
        assertThat(refused.code()).isEqualTo(Cli.REJECTED);
        assertThat(refused.err()).contains("exists; add --force to replace it");
        assertThat(Files.readString(out)).isEqualTo("mine\n");
        assertThat(export("export", "--format", "dpo", "--out", out, "--force").code())
                .isZero();
        assertThat(rows(out)).isNotEmpty();

        // a folder that is a file: no write can succeed there, whoever runs the test (root ignores permissions)
        Path notAFolder = tmp.resolve("plain-file");
        Files.writeString(notAFolder, "x");
        CliRun denied = export("export", "--format", "dpo", "--out", notAFolder.resolve("x.jsonl"));
        assertThat(denied.code()).as(denied.err()).isEqualTo(Cli.FAILED);
        assertThat(denied.err()).contains("Nothing was written").contains("the store is unchanged");
    }

    @Test
    void theCardsCommandWritesTheSameBytesAgainAndTheCardParses() throws Exception {
        Path folder = tmp.resolve("dataset");
        CliRun run = export(
                "export", "--format", "dpo-chat", "--out", folder, "--card", "--metadata", "--license", "apache-2.0");
        assertThat(run.code()).as(run.err()).isZero();
        String card = Files.readString(folder.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher header =
                Pattern.compile("\\A---\\n(.*?)\\n---\\n", Pattern.DOTALL).matcher(card);
        assertThat(header.find()).isTrue();
        Map<String, Object> yaml = new Yaml().load(header.group(1));
        assertThat(yaml.get("license")).isEqualTo("apache-2.0");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> configs = (List<Map<String, Object>>) yaml.get("configs");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files =
                (List<Map<String, Object>>) configs.get(0).get("data_files");
        for (Map<String, Object> f : files) {
            assertThat(folder.resolve((String) f.get("path"))).isRegularFile();
        }
        rows(folder.resolve("data/train.jsonl")).forEach(r -> checkPreference("dpo-chat", r));
        assertThat(card).doesNotContain(key).contains("judge-model");

        Matcher command = Pattern.compile("```sh\\n(.*?)\\n```", Pattern.DOTALL).matcher(card);
        assertThat(command.find()).isTrue();
        List<String> words = shellWords(command.group(1));
        assertThat(words.get(0)).isEqualTo("arenainstruct-studio");
        byte[] data = Files.readAllBytes(folder.resolve("data/train.jsonl"));
        byte[] readme = Files.readAllBytes(folder.resolve("README.md"));
        Files.move(folder, tmp.resolve("first"));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(
                words.subList(1, words.size()).toArray(String[]::new),
                gui -> {
                    throw new AssertionError("no GUI");
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(folder.resolve("data/train.jsonl"))).isEqualTo(data);
        assertThat(Files.readAllBytes(folder.resolve("README.md"))).isEqualTo(readme);
    }

    @Test
    void anExportImportsBackWithItsPromptsAnswersAndCategories() throws Exception {
        Path out = tmp.resolve("winners.jsonl");
        assertThat(export("export", "--format", "openai", "--select", "sft", "--out", out, "--metadata")
                        .code())
                .isZero();
        Map<String, String> answers = new HashMap<>();
        Map<String, String> categories = new HashMap<>();
        for (JsonNode r : rows(out)) {
            JsonNode messages = r.get("messages");
            String prompt = messages.get(messages.size() - 2).get("content").asText();
            answers.put(prompt, messages.get(messages.size() - 1).get("content").asText());
            categories.put(prompt, r.get("metadata").get("category").asText());
        }
        Path other = tmp.resolve("other-store");
        CliRun imported = CliRun.on(other, "dataset", "import", out, "--model", "curated");
        assertThat(imported.code()).as(imported.err()).isZero();
        try (Workspace ws = Workspace.open(other)) {
            ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ws));
            List<ArenaInstruction> back = arena.instructions(InstructionSelection.all());
            assertThat(back).hasSize(answers.size());
            for (ArenaInstruction i : back) {
                assertThat(i.category()).isEqualTo(categories.get(i.prompt())).isNotBlank();
                assertThat(arena.responses(i.id()))
                        .singleElement()
                        .satisfies(r -> assertThat(r.text()).isEqualTo(answers.get(i.prompt())));
            }
        }
    }

    // ------------------------------------------------------------------ the formats' rules, stated here

    private static List<JsonNode> rows(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** Chat: an optional system turn, then user and assistant turns alternating, from user, ending with assistant. */
    private static void checkTurns(List<String> roles, List<String> texts, String system, String user, String bot) {
        int i = !roles.isEmpty() && roles.get(0).equals(system) ? 1 : 0;
        assertThat(roles.size() - i)
                .as("turns after the system turn")
                .isGreaterThanOrEqualTo(2)
                .isEven();
        for (int k = i; k < roles.size(); k++) {
            assertThat(roles.get(k)).isEqualTo((k - i) % 2 == 0 ? user : bot);
        }
        texts.forEach(t -> assertThat(t).isNotBlank());
    }

    private static void checkSft(String format, JsonNode r) {
        assertThat(r.has("metadata")).isTrue();
        switch (format) {
            case "openai" -> {
                List<String> roles = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                r.get("messages").forEach(m -> {
                    roles.add(m.get("role").asText());
                    texts.add(m.get("content").asText());
                });
                assertThat(r.size()).isEqualTo(2);
                checkTurns(roles, texts, "system", "user", "assistant");
            }
            case "sharegpt" -> {
                List<String> roles = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                r.get("conversations").forEach(m -> {
                    roles.add(m.get("from").asText());
                    texts.add(m.get("value").asText());
                });
                checkTurns(roles, texts, "system", "human", "gpt");
            }
            default -> {
                assertThat(r.get("instruction").asText()).isNotBlank();
                assertThat(r.get("input").isTextual()).isTrue();
                assertThat(r.get("output").asText()).isNotBlank();
            }
        }
    }

    private static void checkPreference(String format, JsonNode r) {
        assertThat(r.has("metadata")).isTrue();
        if (format.equals("dpo")) {
            assertThat(r.get("prompt").asText()).isNotBlank();
            assertThat(r.get("chosen").asText())
                    .isNotBlank()
                    .isNotEqualTo(r.get("rejected").asText());
            assertThat(r.get("rejected").asText()).isNotBlank();
            return;
        }
        List<String> roles = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        r.get("prompt").forEach(m -> {
            roles.add(m.get("role").asText());
            texts.add(m.get("content").asText());
        });
        assertThat(roles.get(roles.size() - 1)).isEqualTo("user");
        for (String side : List.of("chosen", "rejected")) {
            assertThat(r.get(side)).hasSize(1);
            assertThat(r.get(side).get(0).get("role").asText()).isEqualTo("assistant");
            assertThat(r.get(side).get(0).get("content").asText()).isNotBlank();
        }
        assertThat(r.get("chosen")).isNotEqualTo(r.get("rejected"));
        texts.forEach(t -> assertThat(t).isNotBlank());
    }

    private static void checkUnpaired(JsonNode r) {
        assertThat(r.get("prompt").asText()).isNotBlank();
        assertThat(r.get("completion").asText()).isNotBlank();
        assertThat(r.get("label").isBoolean()).isTrue();
        assertThat(r.has("metadata")).isTrue();
    }

    private List<Long> sampleIds() {
        try (Workspace ws = ArenaFixture.open(store)) {
            return new ArenaFixture.Battles(ws).all().stream().map(Battle::id).toList();
        }
    }

    /** Words of a POSIX command line quoted with single quotes ('\'' for a quote), as the card writes it. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    w.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                any = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                any = true;
            } else if (c == ' ') {
                if (any) {
                    words.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(w.toString());
        }
        return words;
    }

    private static String plantedKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("sk-planted-");
        for (int i = 0; i < 32; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
