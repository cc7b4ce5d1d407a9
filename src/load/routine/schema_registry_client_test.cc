// The Schema Registry client (schema_registry_client.h): URL rules and masking, and what it makes
// of a registry's answers - against a small HTTP server in the test.
#include "load/routine/schema_registry_client.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <thread>

namespace tributary {
namespace {

TEST(SchemaRegistryUrlTest, AcceptsTheDocumentedFormsAndDecodesCredentials) {
    auto plain = ParseSchemaRegistryUrl("http://172.16.0.1:8081");
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain->base, "http://172.16.0.1:8081");
    EXPECT_EQ(plain->masked, "http://172.16.0.1:8081");
    EXPECT_TRUE(plain->user.empty());
    auto secured = ParseSchemaRegistryUrl(" HTTPS://KEY:p%40ss@psrc.example.com/prefix/ ");
    ASSERT_TRUE(secured.ok());
    EXPECT_EQ(secured->base, "https://psrc.example.com/prefix");
    EXPECT_EQ(secured->user, "KEY");
    EXPECT_EQ(secured->password, "p@ss");
    EXPECT_EQ(secured->masked, "https://******@psrc.example.com/prefix");
}

TEST(SchemaRegistryUrlTest, RefusesOtherSchemesAndMissingHostsWithoutShowingSecrets) {
    auto error = [](std::string_view url) {
        auto parsed = ParseSchemaRegistryUrl(url);
        return parsed.ok() ? std::string("ok") : std::string(parsed.status().message());
    };
    EXPECT_NE(error("ftp://k:hunter2@h").find("the scheme is 'ftp'"), std::string::npos);
    EXPECT_EQ(error("ftp://k:hunter2@h").find("hunter2"), std::string::npos);
    EXPECT_NE(error("registry:8081").find("it has no http:// or https://"), std::string::npos);
    EXPECT_NE(error("http://k:s@").find("it has no host"), std::string::npos);
    EXPECT_NE(error("http://k:%zz@h").find("malformed %-escape"), std::string::npos);
    EXPECT_EQ(MaskSchemaRegistryUrl("https://k:s@h:1/p@x"), "https://******@h:1/p@x");
    EXPECT_EQ(MaskSchemaRegistryUrl("k:s@h"), "******@h");
}

// A registry on a free local port with switchable answers.
class FakeRegistry {
public:
    FakeRegistry() {
        server_.Get(R"(/schemas/ids/(\d+))", [this](const httplib::Request& req,
                                                    httplib::Response& res) {
            ++requests_;
            last_auth_ = req.get_header_value("Authorization");
            res.status = status_;
            res.set_content(status_ == 200 ? R"({"schema": "\"long\""})" : body_,
                            "application/vnd.schemaregistry.v1+json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() only stops a server that is already listening.
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeRegistry() {
        server_.stop();
        thread_.join();
    }
    std::string url(std::string_view credentials = "") const {
        return "http://" + std::string(credentials) + "127.0.0.1:" + std::to_string(port_);
    }
    void Answer(int status, std::string body) {
        status_ = status;
        body_ = std::move(body);
    }

    std::atomic<int> requests_{0};
    std::string last_auth_;

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    std::atomic<int> status_{200};
    std::string body_;
};

TEST(SchemaRegistryClientTest, FetchesEachIdOnceWithBasicAuth) {
    FakeRegistry registry;
    auto client = SchemaRegistryClient::Create(registry.url("key:secret@"));
    ASSERT_TRUE(client.ok());
    auto text = (*client)->SchemaText(7);
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    EXPECT_EQ(*text, "\"long\"");
    EXPECT_TRUE((*client)->SchemaText(7).ok());
    EXPECT_EQ(registry.requests_, 1);
    EXPECT_EQ(registry.last_auth_, "Basic a2V5OnNlY3JldA==");  // key:secret
}

TEST(SchemaRegistryClientTest, AnUnknownIdIsNotFoundAndEverythingElseAFailureToAsk) {
    FakeRegistry registry;
    auto client = *SchemaRegistryClient::Create(registry.url("k:hunter2@"));
    registry.Answer(404, R"({"error_code": 40403, "message": "Schema 9 not found"})");
    Status st = client->SchemaText(9).status();
    EXPECT_TRUE(st.IsNotFound());
    EXPECT_EQ(st.message(), "Schema 9 not found");
    EXPECT_FALSE(IsSchemaRegistryFailure(st));

    registry.Answer(404, "<html>no such page</html>");  // not a registry at this URL
    st = client->SchemaText(9).status();
    EXPECT_TRUE(IsSchemaRegistryFailure(st)) << st.ToString();
    EXPECT_NE(st.message().find("HTTP 404"), std::string::npos);

    registry.Answer(500, R"({"error_code": 50001, "message": "Error in the backend data store"})");
    st = client->SchemaText(9).status();
    EXPECT_TRUE(IsSchemaRegistryFailure(st));
    EXPECT_EQ(st.message(), "Schema Registry http://******@" + registry.url().substr(7) +
                                ": HTTP 500 for schema id 9 (Error in the backend data store)");

    registry.Answer(401, R"({"error_code": 401, "message": "Unauthorized"})");
    st = client->SchemaText(9).status();
    EXPECT_NE(st.message().find("HTTP 401 (Unauthorized): check the key and secret"),
              std::string::npos);
    EXPECT_EQ(st.message().find("hunter2"), std::string::npos);
}

TEST(SchemaRegistryClientTest, ARegistryThatIsNotThereSaysSo) {
    std::string url;
    {
        FakeRegistry gone;
        url = gone.url();
    }
    auto client = *SchemaRegistryClient::Create(url, {.connect_timeout_ms = 2000,
                                                      .request_timeout_ms = 2000});
    Status st = client->SchemaText(1).status();
    EXPECT_TRUE(IsSchemaRegistryFailure(st));
    EXPECT_NE(st.message().find("cannot fetch schema id 1 (Couldn't connect to server"),
              std::string::npos)
        << st.ToString();
}

}  // namespace
}  // namespace tributary
