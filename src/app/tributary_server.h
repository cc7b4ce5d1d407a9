// TributaryServer: the whole process, wired together (the embedded default: one process, local
// disk, no other service).
//
// Start() opens, in order: the metadata store, the catalog, the transaction manager, the storage
// engine (which removes files of loads that never committed), Stream Load and the HTTP
// listener, the Routine Load manager (which resumes the stored jobs), the frontend, then the
// MySQL listener. Stop() closes them in reverse order. Any failure during Start() leaves the
// parts opened so far to the destructor.
//
// Thread safety: Start() and Stop() are called by the main thread.
#pragma once

#include <memory>

#include "base/status.h"

namespace tributary {

class Catalog;
class ErrorLogStore;
class Frontend;
class HttpServer;
class MetaStore;
class MySqlServer;
class RoutineLoadManager;
class StorageDataOwner;
class StorageEngine;
class StreamLoad;
class TransactionManager;

class TributaryServer {
public:
    TributaryServer();
    ~TributaryServer();

    // Reads its settings from the config registry (base/config.h).
    Status Start();
    void Stop();

private:
    std::unique_ptr<MetaStore> meta_;
    std::unique_ptr<Catalog> catalog_;
    std::unique_ptr<TransactionManager> txns_;
    std::unique_ptr<StorageEngine> storage_;
    std::unique_ptr<StorageDataOwner> data_owner_;
    std::unique_ptr<ErrorLogStore> error_logs_;
    std::unique_ptr<Frontend> frontend_;
    std::unique_ptr<StreamLoad> stream_load_;
    std::unique_ptr<RoutineLoadManager> routine_loads_;
    std::unique_ptr<MySqlServer> mysql_;
    std::unique_ptr<HttpServer> http_;
};

}  // namespace tributary
