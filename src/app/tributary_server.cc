#include "app/tributary_server.h"

#include <fmt/format.h>

#include "app/storage_data_owner.h"

#include "base/config.h"
#include "base/logging.h"
#include "catalog/catalog.h"
#include "frontend/frontend.h"
#include "frontend/version.h"
#include "frontend/session_variables.h"
#include "load/load_error_log.h"
#include "load/routine/routine_load_manager.h"
#include "load/stream_load.h"
#include "load/table_sink.h"
#include "meta/meta_store.h"
#include "server/http_routes.h"
#include "server/http_server.h"
#include "server/mysql/auth.h"
#include "server/mysql_server.h"
#include "storage/storage_engine.h"
#include "txn/transaction_manager.h"

namespace tributary {

TributaryServer::TributaryServer() = default;

TributaryServer::~TributaryServer() { Stop(); }

Status TributaryServer::Start() {
    const std::string data_dir = config::data_dir.Get();
    LOG_INFO("Tributary {} starting; data directory {}", kTributaryVersion, data_dir);
    ASSIGN_OR_RETURN(meta_, MetaStore::Open(data_dir + "/meta"));
    ASSIGN_OR_RETURN(catalog_, Catalog::Open(meta_.get()));
    ASSIGN_OR_RETURN(txns_, TransactionManager::Open(meta_.get()));
    StorageEngineOptions storage_options;
    // Compaction merges a tablet's rowsets with its table's key model; tablets of dropped tables
    // have none and are skipped.
    storage_options.compaction.key_merge_spec =
        [catalog = catalog_.get()](int64_t tablet_id) -> StatusOr<KeyMergeSpec> {
        std::shared_ptr<const TableInfo> table = catalog->FindTableByTabletId(tablet_id);
        if (table == nullptr) return Status::NotFound("no table holds this tablet");
        return KeyMergeSpecOf(*table);
    };
    ASSIGN_OR_RETURN(storage_, StorageEngine::Open(data_dir, meta_.get(), storage_options));
    data_owner_ = std::make_unique<StorageDataOwner>(storage_.get(), txns_.get());
    catalog_->SetTabletDataOwner(data_owner_.get());
    ASSIGN_OR_RETURN(error_logs_,
                     ErrorLogStore::Open(data_dir + "/error_log",
                                         config::load_error_log_reserve_hours.Get()));
    const LoadServices load_services{storage_.get(), txns_.get(), error_logs_.get()};
    StreamLoadEnvironment stream_load_env;
    stream_load_env.catalog = catalog_.get();
    stream_load_env.services = load_services;
    stream_load_env.password_hash = mysql::NativePasswordHash;
    stream_load_env.default_time_zone = [] {
        auto zone = SessionVariables().Get("time_zone");
        return zone.ok() ? zone->text : std::string("Asia/Shanghai");
    };
    stream_load_ = std::make_unique<StreamLoad>(std::move(stream_load_env));
    http_ = std::make_unique<HttpServer>();
    RegisterHttpRoutes(http_.get(), HttpRouteTargets{stream_load_.get(), error_logs_.get()});
    RETURN_IF_ERROR(http_->Start("0.0.0.0", static_cast<int>(config::http_port.Get())));
    RoutineLoadManagerOptions routine_options;
    routine_options.catalog = catalog_.get();
    routine_options.meta = meta_.get();
    routine_options.services = load_services;
    routine_options.error_log_host = fmt::format("127.0.0.1:{}", http_->port());
    ASSIGN_OR_RETURN(routine_loads_, RoutineLoadManager::Open(std::move(routine_options)));
    frontend_ = std::make_unique<Frontend>(
        catalog_.get(), load_services,
        Frontend::PasswordFormat{mysql::NativePasswordHash, mysql::ParseNativePasswordHashHex},
        routine_loads_.get());
    mysql_ = std::make_unique<MySqlServer>(frontend_.get());
    RETURN_IF_ERROR(mysql_->Start("0.0.0.0", static_cast<int>(config::query_port.Get())));
    LOG_INFO("Tributary is ready: MySQL port {}, HTTP port {}", mysql_->port(), http_->port());
    return Status::OK();
}

void TributaryServer::Stop() {
    if (mysql_) mysql_->Stop();
    mysql_.reset();
    frontend_.reset();
    routine_loads_.reset();  // stops its scheduler and workers
    if (http_) http_->Stop();
    http_.reset();
    stream_load_.reset();
    error_logs_.reset();
    catalog_.reset();  // holds data_owner_, which refers to storage_ and txns_
    data_owner_.reset();
    storage_.reset();
    txns_.reset();
    meta_.reset();
}

}  // namespace tributary
