package io.arenainstruct.studio.service.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

/**
 * langchain4j's HTTP client contract over the JDK client, keeping response headers on errors so the
 * gateway can honour Retry-After. Streams are parsed on the calling thread, so a cancelled call stops
 * by closing the body.
 */
@SuppressWarnings("checkstyle:qualifiedname") // langchain4j's HttpClient and the JDK's share a name
final class HeaderAwareHttpClient implements HttpClient {
    private final java.net.http.HttpClient delegate;
    private final Duration readTimeout;

    private HeaderAwareHttpClient(Duration connectTimeout, Duration readTimeout) {
        java.net.http.HttpClient.Builder b =
                java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1);
        if (connectTimeout != null) {
            b.connectTimeout(connectTimeout);
        }
        this.delegate = b.build();
        this.readTimeout = readTimeout;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            // A whole reply's body follows its headers at once (the model works before the headers), so only
            // streams get the idle timeout; a byte array is also the cheapest way to read it.
            HttpResponse<byte[]> response = delegate.send(toJdk(request), HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                throw new HttpStatusException(
                        response.statusCode(), body, response.headers().map());
            }
            return SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .body(body)
                    .build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        try {
            HttpResponse<InputStream> response =
                    delegate.send(toJdk(request), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                listener.onError(new HttpStatusException(
                        response.statusCode(), body, response.headers().map()));
                return;
            }
            listener.onOpen(SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .build());
            try (InputStream in = IdleTimeoutInputStream.wrap(response.body(), readTimeout)) {
                parser.parse(in, listener);
                if (in instanceof IdleTimeoutInputStream idle && idle.timedOut()) {
                    throw new IdleTimeoutInputStream.IdleTimeoutException();
                }
            }
            listener.onClose();
        } catch (HttpTimeoutException | IdleTimeoutInputStream.IdleTimeoutException e) {
            listener.onError(new TimeoutException(e));
        } catch (IOException e) {
            listener.onError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.onError(e);
        } catch (RuntimeException e) {
            listener.onError(e);
        }
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder b =
                java.net.http.HttpRequest.newBuilder().uri(URI.create(request.url()));
        request.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        java.net.http.HttpRequest.BodyPublisher body = request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
        b.method(request.method().name(), body);
        if (readTimeout != null) {
            b.timeout(readTimeout);
        }
        return b.build();
    }

    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout;
        private Duration readTimeout;

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public HttpClient build() {
            return new HeaderAwareHttpClient(connectTimeout, readTimeout);
        }
    }
}
