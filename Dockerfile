# Squall server image: builds the Kafka client against the system librdkafka dependencies.
FROM node:20-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
      libssl-dev zlib1g-dev libzstd-dev libcurl4-openssl-dev libsasl2-dev liblz4-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN CKJS_LINKING=dynamic npm install --no-audit --no-fund
COPY . .
RUN npm run build:console && npm run build:server
EXPOSE 8088
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["server"]
