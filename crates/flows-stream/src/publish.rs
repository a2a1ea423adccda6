//! Flow records to per-partition batches: each batch is one binary flow file (header, names it
//! uses, flows), so any member can read it alone.

use bytes::Bytes;
use iotlabel_flows::FlowRecord;
use iotlabel_flows::binary::BinaryWriter;

use crate::{DeviceKeys, FlowPublisher, StreamError};

/// Records per batch unless told otherwise: 1,024 records are 80 KiB, well under NATS's
/// default 1 MiB message limit.
pub const DEFAULT_BATCH: usize = 1024;

/// Cuts records into batches per partition and publishes each full batch.
pub struct Batcher<P: FlowPublisher> {
    publisher: P,
    keys: DeviceKeys,
    open: Vec<Option<BinaryWriter<Vec<u8>>>>,
    per_batch: usize,
    /// Records and batches published so far.
    pub records: u64,
    pub batches: u64,
}

impl<P: FlowPublisher> Batcher<P> {
    pub fn new(publisher: P, keys: DeviceKeys, per_batch: usize) -> Batcher<P> {
        let n = publisher.partitions() as usize;
        Batcher {
            publisher,
            keys,
            open: (0..n).map(|_| None).collect(),
            per_batch: per_batch.max(1),
            records: 0,
            batches: 0,
        }
    }

    /// Adds one record; publishes its partition's batch when full. A peer name the binary form
    /// cannot carry is refused.
    pub async fn push(&mut self, f: &FlowRecord) -> Result<(), StreamError> {
        let p = self.keys.partition(f, self.open.len() as u32) as usize;
        let slot = &mut self.open[p];
        let w = match slot {
            Some(w) => w,
            None => slot.insert(
                BinaryWriter::new(Vec::with_capacity(self.per_batch * 80 + 64))
                    .map_err(|e| StreamError::broker("writing a batch", e))?,
            ),
        };
        w.write(f).map_err(|e| StreamError::Setup(format!("record {}: {e}", self.records + 1)))?;
        self.records += 1;
        if w.written() as usize >= self.per_batch {
            self.send(p).await?;
        }
        Ok(())
    }

    async fn send(&mut self, p: usize) -> Result<(), StreamError> {
        if let Some(w) = self.open[p].take() {
            let bytes = w.finish().map_err(|e| StreamError::broker("writing a batch", e))?;
            self.publisher.publish(p as u32, Bytes::from(bytes)).await?;
            self.batches += 1;
        }
        Ok(())
    }

    /// Publishes the partial batches and waits until the broker has stored everything
    /// (`records` and `batches` then count all).
    pub async fn flush(&mut self) -> Result<(), StreamError> {
        for p in 0..self.open.len() {
            self.send(p).await?;
        }
        self.publisher.flush().await
    }

    /// Flushes and gives the publisher back.
    pub async fn finish(mut self) -> Result<P, StreamError> {
        self.flush().await?;
        Ok(self.publisher)
    }
}
