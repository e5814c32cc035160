package io.arenainstruct.studio.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.Provider;

/** Endpoints and model prices. */
public final class EndpointRepository {
    private static final String COLUMNS = "name, provider, base_url, model, api_key_env, max_concurrent,"
            + " requests_per_minute, tokens_per_minute, timeout_ms, temperature, max_tokens, seed";

    private final Store store;

    public EndpointRepository(Store store) {
        this.store = store;
    }

    /** Adds the endpoint or replaces the one with the same name. */
    public void save(Endpoint e) {
        store.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement(Sql.upsert(store.dialect(), "endpoint", COLUMNS + ", created_at", "name"))) {
                ps.setString(1, e.name());
                ps.setString(2, e.provider().id());
                ps.setString(3, e.baseUrl());
                ps.setString(4, e.model());
                ps.setString(5, e.apiKeyEnv());
                ps.setInt(6, e.maxConcurrent());
                ps.setInt(7, e.requestsPerMinute());
                ps.setInt(8, e.tokensPerMinute());
                ps.setLong(9, e.timeout().toMillis());
                Sql.setNullable(ps, 10, e.temperature(), Types.DOUBLE);
                Sql.setNullable(ps, 11, e.maxTokens(), Types.INTEGER);
                Sql.setNullable(ps, 12, e.seed(), Types.INTEGER);
                ps.setTimestamp(13, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Endpoint> find(String name) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM endpoint WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    public List<Endpoint> list() {
        return store.read(c -> {
            List<Endpoint> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM endpoint ORDER BY name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    public boolean delete(String name) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM endpoint WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public void setPrice(ModelPrice price) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.upsert(
                    store.dialect(), "model_price", "model, input_per_million, output_per_million", "model"))) {
                ps.setString(1, price.model());
                ps.setBigDecimal(2, price.inputPerMillion());
                ps.setBigDecimal(3, price.outputPerMillion());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public boolean removePrice(String model) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM model_price WHERE model = ?")) {
                ps.setString(1, model);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public Map<String, ModelPrice> prices() {
        return store.read(c -> {
            Map<String, ModelPrice> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT model, input_per_million, output_per_million FROM model_price ORDER BY model");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new ModelPrice(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3)));
                }
            }
            return out;
        });
    }

    private static Endpoint read(ResultSet rs) throws SQLException {
        return new Endpoint(
                rs.getString("name"),
                Provider.fromId(rs.getString("provider")),
                rs.getString("base_url"),
                rs.getString("model"),
                rs.getString("api_key_env"),
                rs.getInt("max_concurrent"),
                rs.getInt("requests_per_minute"),
                rs.getInt("tokens_per_minute"),
                Duration.ofMillis(rs.getLong("timeout_ms")),
                (Double) rs.getObject("temperature", Double.class),
                (Integer) rs.getObject("max_tokens", Integer.class),
                (Integer) rs.getObject("seed", Integer.class));
    }
}
